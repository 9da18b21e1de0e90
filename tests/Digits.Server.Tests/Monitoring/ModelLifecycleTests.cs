using System.Net;
using System.Text.Json;
using Digits.Tests.Shared;

namespace Digits.Server.Tests.Monitoring;

/// <summary>Broken versions dropped into the models folder of a running server: the version before keeps serving.</summary>
public sealed class ModelLifecycleTests : IDisposable
{
    private const string Later = "29991231T000000Z";
    private readonly TemporaryDirectory _models = TrainedModels.CopyTo();
    private readonly TemporaryDirectory _feedback = new();

    private ServerOptions Options => new()
        { Urls = "http://127.0.0.1:0", ModelsDirectory = _models.Path, Quiet = true, FeedbackDatabase = _feedback.File("feedback.db") };

    private readonly string _served;

    public ModelLifecycleTests() => _served = Directory.GetDirectories(Path.Combine(_models.Path, "cnn")).Single();

    /// <summary>Copies the served cnn version as a later one, all but model.onnx, which <paramref name="onnx"/> writes.</summary>
    private string AddLaterVersion(Action<string, byte[]> onnx)
    {
        var later = Directory.CreateDirectory(Path.Combine(_models.Path, "cnn", Later)).FullName;
        foreach (var file in Directory.GetFiles(_served).Where(f => Path.GetFileName(f) != "model.onnx"))
            File.Copy(file, Path.Combine(later, Path.GetFileName(file)));
        onnx(Path.Combine(later, "model.onnx"), File.ReadAllBytes(Path.Combine(_served, "model.onnx")));
        return later;
    }

    private static async Task<string> ServedModel(HttpClient client)
    {
        using var response = await client.PostAsync("/predict", Samples.Form(Samples.Photo(0, scale: 2)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Json()).GetProperty("model").GetString()!;
    }

    private static async Task<JsonElement> Eventually(Func<Task<JsonElement?>> probe)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not get there within 10 s.");
    }

    private static async Task<JsonElement?> LoadError(HttpClient client, string version)
    {
        var cnn = (await (await client.GetAsync("/models/cnn")).Json());
        return cnn.GetProperty("load_errors").TryGetProperty(version, out var error) ? error : null;
    }

    [Fact]
    public async Task A_truncated_newest_version_is_reported_while_the_one_before_serves_until_it_is_whole()
    {
        await using var server = await RunningServer.StartAsync(Options);
        var before = await ServedModel(server.Client);

        var later = AddLaterVersion((path, bytes) => File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]));
        var error = await Eventually(() => LoadError(server.Client, Later));
        Assert.Contains("SHA-256", error.GetString());
        for (var i = 0; i < 20; i++) Assert.Equal(before, await ServedModel(server.Client));
        using (var named = await server.Client.PostAsync($"/predict?model=cnn@{Later}", Samples.Form(Samples.Photo(0, scale: 2))))
            Assert.Contains("cannot be loaded", await named.Problem(503));

        // The copy completes: the version is tried again and serves.
        var whole = Path.Combine(later, "model.onnx.part");
        File.Copy(Path.Combine(_served, "model.onnx"), whole);
        File.Move(whole, Path.Combine(later, "model.onnx"), overwrite: true);
        await Eventually(async () => await ServedModel(server.Client) == $"cnn@{Later}" ? default(JsonElement) : null);
        Assert.Null(await LoadError(server.Client, Later));
    }

    [Fact]
    public async Task A_version_whose_metadata_cannot_be_read_never_stops_the_others()
    {
        await using var server = await RunningServer.StartAsync(Options);
        var before = await ServedModel(server.Client);
        var later = AddLaterVersion(File.WriteAllBytes);
        File.WriteAllText(Path.Combine(later, "metadata.json"), "{ not json");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(before, await ServedModel(server.Client));
        using var models = await server.Client.GetAsync("/models");
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Contains("cannot be read", (await LoadError(server.Client, Later))!.Value.GetString());
        using var live = await server.Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task A_request_whose_upload_is_still_arriving_when_its_version_is_removed_is_answered_by_that_version()
    {
        await using var server = await RunningServer.StartAsync(Options);
        var before = await ServedModel(server.Client);
        var later = AddLaterVersion(File.WriteAllBytes);
        await Eventually(async () => await ServedModel(server.Client) == $"cnn@{Later}" ? default(JsonElement) : null);

        using var upload = new HeldBackUpload(Samples.Photo(0));
        var answer = server.Client.PostAsync("/predict", upload);
        await upload.FirstHalfSent.WaitAsync(TimeSpan.FromSeconds(10));
        // The server chose the version as the request began; it leaves the folder and the watcher unloads it.
        await Task.Delay(300);
        Directory.Delete(later, recursive: true);
        await Eventually(async () => await ServedModel(server.Client) == before ? default(JsonElement) : null);
        await Task.Delay(300);
        upload.SendTheRest();

        using var response = await answer;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"cnn@{Later}", (await response.Json()).GetProperty("model").GetString());
        Assert.Equal(before, await ServedModel(server.Client));
    }

    /// <summary>A raw PNG body sent in two halves, the second only when the test says.</summary>
    private sealed class HeldBackUpload : HttpContent
    {
        private readonly byte[] _png;
        private readonly TaskCompletionSource _firstHalfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldBackUpload(byte[] png)
        {
            _png = png;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        }

        public Task FirstHalfSent => _firstHalfSent.Task;

        public void SendTheRest() => _rest.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var half = _png.Length / 2;
            await stream.WriteAsync(_png.AsMemory(0, half));
            await stream.FlushAsync();
            _firstHalfSent.TrySetResult();
            await _rest.Task;
            await stream.WriteAsync(_png.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _png.Length;
            return true;
        }
    }

    public void Dispose()
    {
        _models.Dispose();
        _feedback.Dispose();
    }
}
