using Digits.Data;
using System.Diagnostics;
using Digits.Core.Data;
using Digits.Core.Metrics;
using Digits.Core.Models;
using Digits.Tests.Shared;
using Digits.Imaging.Reading;
using Digits.Inference;
using TorchSharp;
using Microsoft.ML.OnnxRuntime;
using ModelMetadata = Digits.Core.Models.ModelMetadata;

namespace Digits.Training.Tests.Onnx;

/// <summary>Every architecture (and an ensemble) trained for one short epoch and exported, once for all the export tests.</summary>
public sealed class ExportedModelsFixture : IDisposable
{
    public const int Seed = 2;
    public const string Ensemble = "champion-quick x2";
    public const string Views = "champion-quick, shift views";
    public const string EnsembleViews = "champion-quick x2, shift views";
    public static readonly Dictionary<string, TrainingPlan> Plans = new()
    {
        ["mlp"] = Request("mlp", 2000),
        ["cnn"] = Request("cnn", 2000),
        ["cnn-enhanced"] = Request("cnn-enhanced", 512),
        // Batch-norm networks need some dozens of steps before their running statistics serve at inference.
        ["champion"] = Request("champion", 1000, o => o with { BatchSize = 32 }),
        ["champion-quick"] = Request("champion-quick", 2000, o => o with { BatchSize = 32 }),
        [Ensemble] = Request("champion-quick", 2000, o => o with { BatchSize = 32, Ensemble = 2 }),
        [Views] = Request("champion-quick", 2000, o => o with { BatchSize = 32, ShiftViews = true }),
        [EnsembleViews] = Request("champion-quick", 2000, o => o with { BatchSize = 32, Ensemble = 2, ShiftViews = true }),
        ["digits8x8-mlp"] = Request("digits8x8-mlp", 2000),
    };

    /// <summary>Without elastic distortion: these test the export, and one short epoch of distorted digits learns too little to tell pairs from digits.</summary>
    private static TrainingPlan Request(string recipe, int limit, Func<TrainingOptions, TrainingOptions>? overrides = null) =>
        Digits.Tests.Shared.Plans.Of(recipe, o => (overrides ?? (x => x))(o with { Epochs = 1, Limit = limit, Seed = Seed, Elastic = false }));

    private readonly TemporaryDirectory _models = new();

    public ExportedModelsFixture()
    {
        var fetcher = new MnistFixture().Fetcher;
        Fetcher = fetcher;
        Models = Plans.ToDictionary(m => m.Key, m => new TrainingRun(new ModelStore(_models.Path), fetcher).Run(m.Value, CancellationToken.None)!);
    }

    public DatasetFetcher Fetcher { get; }
    public IReadOnlyDictionary<string, TrainedModel> Models { get; }

    public void Dispose() => _models.Dispose();
}

/// <summary>Holds ONNX Runtime's answers on exported models to TorchSharp's, and the files to the ONNX checker.</summary>
public sealed class OnnxExportTests(ExportedModelsFixture exported) : IClassFixture<ExportedModelsFixture>
{

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    [InlineData("cnn-enhanced")]
    [InlineData("champion")]
    [InlineData("champion-quick")]
    [InlineData(ExportedModelsFixture.Ensemble)]
    [InlineData(ExportedModelsFixture.Views)]
    [InlineData(ExportedModelsFixture.EnsembleViews)]
    [InlineData("digits8x8-mlp")]
    public void Onnx_Runtime_agrees_with_TorchSharp_on_the_whole_test_set(string name)
    {
        var trained = exported.Models[name];
        using var onnx = OnnxModel.Load(trained.Folder, trained.Metadata);
        using var torchModel = StoredModel.Load(trained.Folder, trained.Metadata);
        using var split = StoredModel.Split(trained.Metadata, exported.Fetcher);

        var expected = Inference.Probabilities(torchModel, split.Test.Inputs);
        var actual = onnx.Run(split.Test.Inputs.data<float>().ToArray(), split.Test.Count);

        Assert.Equal(expected.Length, actual.Length);
        var largestDifference = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(largestDifference < 1e-4, $"largest difference {largestDifference}");
        for (var i = 0; i < split.Test.Count; i++)
            Assert.Equal(Evaluation.ArgMax(expected.AsSpan(i * 10, 10)), Evaluation.ArgMax(actual.AsSpan(i * 10, 10)));
        Assert.Equal(trained.Metadata.Files[ModelFiles.Onnx], FileHashes.Sha256(Path.Combine(trained.Folder, ModelFiles.Onnx)));
    }

    [Theory]
    [InlineData("cnn")]
    [InlineData("champion-quick")]
    [InlineData(ExportedModelsFixture.Ensemble)]
    [InlineData(ExportedModelsFixture.EnsembleViews)]
    public void The_int8_model_is_a_quarter_of_the_size_and_as_accurate(string name)
    {
        var trained = exported.Models[name];
        var (inputs, labels) = ModelExport.ExportInt8(trained.Folder, trained.Metadata, exported.Fetcher);
        using var fp32 = OnnxModel.Load(trained.Folder, trained.Metadata);
        using var int8 = OnnxModel.Load(trained.Folder, trained.Metadata, ModelFiles.OnnxInt8);
        double Accuracy(OnnxModel model)
        {
            var probabilities = model.Run(inputs, labels.Length);
            return (double)Enumerable.Range(0, labels.Length).Count(i => Evaluation.ArgMax(probabilities.AsSpan(i * 10, 10)) == labels[i]) / labels.Length;
        }

        var size = (double)new FileInfo(Path.Combine(trained.Folder, ModelFiles.OnnxInt8)).Length / new FileInfo(Path.Combine(trained.Folder, ModelFiles.Onnx)).Length;
        Assert.True(size <= 0.30, $"int8 file is {size:P0} of the float one");
        Assert.True(Accuracy(fp32) > 0.5, $"float {Accuracy(fp32):P2}: too little trained to tell anything");
        Assert.True(Math.Abs(Accuracy(fp32) - Accuracy(int8)) <= 0.005, $"float {Accuracy(fp32):P2}, int8 {Accuracy(int8):P2}");
        Assert.Equal($"{trained.Metadata.Name}@{Path.GetFileName(trained.Folder)}+int8", int8.Id);
    }

    [Theory]
    [InlineData("champion-quick")]
    [InlineData(ExportedModelsFixture.Ensemble)]
    public void A_label_smoothed_model_carries_its_fitted_temperatures_into_the_graph(string name)
    {
        var trained = exported.Models[name];
        var recipe = Recipes.Get(trained.Metadata.Spec.Recipe);
        var ensemble = trained.Metadata.Ensemble;
        using var uncalibrated = recipe.CreateFor(trained.Metadata with { Temperature = null, Ensemble = ensemble is null ? null : ensemble with { MemberTemperatures = null } });
        uncalibrated.load(Path.Combine(trained.Folder, ModelFiles.Weights));
        using var split = StoredModel.Split(trained.Metadata, exported.Fetcher);
        using var onnx = OnnxModel.Load(trained.Folder, trained.Metadata);

        var before = Evaluation.Compute(Inference.Probabilities(uncalibrated, split.Test.Inputs), split.Test.Images.Labels, trained.Metadata.Labels);
        var after = Evaluation.Compute(onnx.Run(split.Test.Inputs.data<float>().ToArray(), split.Test.Count), split.Test.Images.Labels, trained.Metadata.Labels);

        var temperatures = ensemble is null ? [trained.Metadata.Temperature!.Value] : ensemble.MemberTemperatures!;
        Assert.Equal(ensemble?.Members ?? 1, temperatures.Count);
        Assert.True(after.Ece < before.Ece, $"test ECE {before.Ece:P2} before, {after.Ece:P2} after temperatures of {string.Join(", ", temperatures.Select(t => t.ToString("F3")))}");
        // One temperature keeps every answer; an ensemble's members each have their own, which may reorder a close average.
        Assert.True(Math.Abs(before.Accuracy - after.Accuracy) <= (ensemble is null ? 0.0005 : 0.005), $"accuracy {before.Accuracy:P2} before, {after.Accuracy:P2} after");
        Assert.Null(exported.Models["cnn"].Metadata.Temperature);
    }

    [Theory]
    [InlineData("champion-quick")]
    [InlineData(ExportedModelsFixture.EnsembleViews)]
    public void A_model_trained_to_tell_returns_the_chance_of_not_one_digit_as_TorchSharp_computes_it(string name)
    {
        var trained = exported.Models[name];
        Assert.True(trained.Metadata.Spec.Options.NotDigits);
        using var onnx = OnnxModel.Load(trained.Folder, trained.Metadata);
        using var torchModel = StoredModel.Load(trained.Folder, trained.Metadata);
        using var split = StoredModel.Split(trained.Metadata, exported.Fetcher);
        const int count = 400, pixels = 28 * 28;
        var digits = split.Test.Inputs.narrow(0, 0, count).data<float>().ToArray();
        var random = new Random(3);
        float[] Digit(int i) => digits.AsSpan(i * pixels, pixels).ToArray();
        var composed = Enumerable.Range(0, count).SelectMany(i => NotOneDigit.Compose([Digit(i), Digit(random.Next(count)), Digit(random.Next(count))], random)).ToArray();
        float[] inputs = [.. digits, .. composed];

        var (probabilities, oneDigit) = onnx.ReadCandidates(inputs, 2 * count);
        torchModel.eval();
        float[] expected;
        using (torch.no_grad())
        using (var batch = torch.tensor(inputs, [2 * count, 1, 28, 28]))
        using (var all = torch.nn.functional.softmax(torchModel.forward(batch), 1))
            expected = all.select(1, Digits.Training.Architectures.Shapes.NotOneDigit).data<float>().ToArray();

        Assert.True(onnx.TellsNotOneDigit);
        var largestDifference = expected.Zip(oneDigit, (notOne, one) => Math.Abs(1 - notOne - one)).Max();
        Assert.True(largestDifference < 1e-4, $"largest difference {largestDifference}");
        Assert.All(probabilities.Chunk(10), row => Assert.Equal(1, row.Sum(), 3));
        var (onDigits, onComposed) = (oneDigit[..count].Average(), oneDigit[count..].Average());
        // Trained one epoch on 2,000 digits (8 % of them made "not one digit"), the models already tell the two apart.
        Assert.True(onDigits > onComposed + 0.2, $"one digit: {onDigits:P0} on test digits, {onComposed:P0} on touching pairs and pieces");
    }

    [Fact]
    public void The_graph_has_the_names_shapes_and_types_of_the_contract()
    {
        var trained = exported.Models["cnn"];
        using var settings = SessionSettings.Create();
        using var session = new InferenceSession(Path.Combine(trained.Folder, ModelFiles.Onnx), settings);

        var (inputName, input) = session.InputMetadata.Single();
        var (outputName, output) = session.OutputMetadata.Single();
        Assert.Equal(("input", "probabilities"), (inputName, outputName));
        Assert.Equal(typeof(float), input.ElementType);
        Assert.Equal(new[] { -1, 1, 28, 28 }, input.Dimensions);
        Assert.Equal("N", input.SymbolicDimensions[0]);
        Assert.Equal(new[] { -1, 10 }, output.Dimensions);
        Assert.Equal(trained.Metadata.Version, session.ModelMetadata.CustomMetadataMap["version"]);
    }

    [Fact]
    public void The_reference_onnx_checker_accepts_every_architecture()
    {
        var quantized = new[] { "cnn", "champion", ExportedModelsFixture.Ensemble, ExportedModelsFixture.Views }.Select(name => exported.Models[name]).ToArray();
        foreach (var model in quantized) ModelExport.ExportInt8(model.Folder, model.Metadata, exported.Fetcher);
        var files = exported.Models.Values.Select(m => Path.Combine(m.Folder, ModelFiles.Onnx))
            .Concat(quantized.Select(m => Path.Combine(m.Folder, ModelFiles.OnnxInt8))).ToArray();
        var script = "import onnx, sys\nfor path in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(path), full_check=True)\nprint('ok')";
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", script }.Concat(files)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        Assert.Equal("ok", output.Trim());
    }
}
