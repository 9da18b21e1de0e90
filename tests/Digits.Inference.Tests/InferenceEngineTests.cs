using Digits.Data;
using Digits.Core.Data;
using Digits.Imaging;
using Digits.Core.Models;
using Digits.Tests.Shared;

namespace Digits.Inference.Tests;

public sealed class InferenceEngineTests : IDisposable
{
    private readonly OnnxModel _model;
    private readonly float[][] _inputs;

    public InferenceEngineTests()
    {
        _model = TrainedModels.LoadCnn();
        var test = DatasetLoader.Load(TrainedModels.Fetcher, DatasetCatalog.Get(DatasetCatalog.Mnist)).Test!.Take(64);
        _inputs = Enumerable.Range(0, test.Count).Select(i =>
        {
            var input = new float[784];
            ModelInputEncoding.Encode(test.Image(i), input, 255);
            return input;
        }).ToArray();
    }

    [Fact]
    public async Task Concurrent_requests_are_coalesced_and_each_gets_its_own_answer()
    {
        await using var engine = new InferenceEngine(new EngineOptions { CacheEntries = 0, MaxWait = TimeSpan.FromMilliseconds(5), Workers = 1 });
        var answers = await Task.WhenAll(_inputs.Select(input => Task.Run(async () => await engine.RunAsync(_model, input))));

        for (var i = 0; i < _inputs.Length; i++)
        {
            var alone = _model.Run(_inputs[i], 1);
            Assert.Equal(alone.Length, answers[i].Length);
            for (var c = 0; c < alone.Length; c++) Assert.Equal(alone[c], answers[i][c], 5);
        }
        Assert.Equal(64, engine.Requests);
        Assert.True(engine.Runs < engine.Requests / 4, $"{engine.Runs} runs for {engine.Requests} requests");
    }

    [Fact]
    public async Task A_lone_request_runs_at_once()
    {
        await using var engine = new InferenceEngine(new EngineOptions { CacheEntries = 0 });
        foreach (var input in _inputs[..5]) await engine.RunAsync(_model, input);
        Assert.Equal(5, engine.Runs);
    }

    [Fact]
    public async Task A_repeated_input_is_answered_from_the_cache_and_a_different_one_is_not()
    {
        await using var engine = new InferenceEngine(new EngineOptions { Batching = false, CacheEntries = 16 });
        var first = await engine.RunAsync(_model, _inputs[0]);
        var again = await engine.RunAsync(_model, (float[])_inputs[0].Clone());
        await engine.RunAsync(_model, _inputs[1]);
        Assert.Same(first, again);
        Assert.Equal(1, engine.CacheHits);
        Assert.Equal(2, engine.Runs);
    }

    [Fact]
    public async Task The_cache_stays_within_its_bound()
    {
        await using var engine = new InferenceEngine(new EngineOptions { Batching = false, CacheEntries = 8 });
        foreach (var input in _inputs) await engine.RunAsync(_model, input);
        await Task.Delay(200);
        foreach (var input in _inputs) await engine.RunAsync(_model, input);
        Assert.True(engine.CacheHits <= 8, $"{engine.CacheHits} hits from a cache of 8");
    }

    public void Dispose() => _model.Dispose();
}
