using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Digits.Benchmarks.Hardening;

/// <summary>
/// Keeps /predict busy from several connections while the models folder changes under the server, as an operator
/// changes it: a new version of the default model published (then removed again), or a damaged version copied in.
/// Every answer is recorded with the model that gave it.
/// </summary>
public sealed class ModelChangeUnderLoad(HttpClient client, string modelsDirectory, byte[] png, TimeSpan settle)
{
    private const int Connections = 8;

    private static readonly TimeSpan ChangeLimit = TimeSpan.FromSeconds(30);

    public sealed record Result(int Requests, int Failed, IReadOnlyDictionary<string, int> AnsweredBy, double? SwitchedAfterMs, bool SwitchedBack, string? LoadError);

    /// <summary>
    /// Publishes a copy of the served version as a newer one, waits until it serves, then removes it and waits until
    /// the old version serves again, so that what runs next starts from the served model it found.
    /// </summary>
    public async Task<Result> HotSwapAsync()
    {
        await using var load = Load.Start(client, png, Connections);
        await Task.Delay(settle);
        var (name, version) = await ServedModelAsync();
        var swapped = Publish(name, version, $"{version}-swap", damage: false);
        var published = DateTime.UtcNow;
        var switched = await load.WaitForLatestAsync($"{name}@{Path.GetFileName(swapped)}", ChangeLimit);
        var switchedAfter = switched ? (DateTime.UtcNow - published).TotalMilliseconds : (double?)null;
        await Task.Delay(settle);
        Directory.Delete(swapped, recursive: true);
        var switchedBack = await load.WaitForLatestAsync($"{name}@{version}", ChangeLimit);
        await Task.Delay(settle);
        return load.Stop(switchedAfter, switchedBack, null);
    }

    /// <summary>Copies in a newer version whose model.onnx is cut in half, as a copy still in progress would be.</summary>
    public async Task<Result> CorruptVersionAsync()
    {
        await using var load = Load.Start(client, png, Connections);
        await Task.Delay(settle);
        var (name, version) = await ServedModelAsync();
        var damaged = Publish(name, version, $"{version}-damaged", damage: true);
        await Task.Delay(settle * 2);
        using var listing = JsonDocument.Parse(await client.GetStringAsync($"/models/{name}"));
        var error = listing.RootElement.GetProperty("load_errors").TryGetProperty(Path.GetFileName(damaged), out var reason) ? reason.GetString() : null;
        Directory.Delete(damaged, recursive: true);
        return load.Stop(null, switchedBack: true, error);
    }

    private async Task<(string Name, string Version)> ServedModelAsync()
    {
        using var response = await client.PostAsync("/predict", Load.Form(png));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = answer.RootElement.GetProperty("model").GetString()!.Split('+')[0].Split('@');
        return (id[0], id[1]);
    }

    /// <summary>Builds the version beside the others under a hidden name and renames it into place, as training publishes.</summary>
    private string Publish(string name, string version, string newVersion, bool damage)
    {
        var source = Path.Combine(modelsDirectory, name, version);
        var staging = Directory.CreateDirectory(Path.Combine(modelsDirectory, name, $".staging-{newVersion}")).FullName;
        foreach (var file in Directory.GetFiles(source))
        {
            var bytes = File.ReadAllBytes(file);
            if (damage && Path.GetFileName(file) == "model.onnx") bytes = bytes[..(bytes.Length / 2)];
            File.WriteAllBytes(Path.Combine(staging, Path.GetFileName(file)), bytes);
        }
        var target = Path.Combine(modelsDirectory, name, newVersion);
        Directory.Move(staging, target);
        return target;
    }

    /// <summary>Connections posting the same image in a loop, recording each answer's status and model.</summary>
    private sealed class Load : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentDictionary<string, int> _answeredBy = new();
        private Task[] _connections = [];
        private volatile string? _latest;
        private int _requests;
        private int _failed;

        public static MultipartFormDataContent Form(byte[] png)
        {
            var file = new ByteArrayContent(png);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            return new MultipartFormDataContent { { file, "file", "digit.png" } };
        }

        public static Load Start(HttpClient client, byte[] png, int connections)
        {
            var load = new Load();
            load._connections = Enumerable.Range(0, connections).Select(_ => Task.Run(() => load.Post(client, png))).ToArray();
            return load;
        }

        private async Task Post(HttpClient client, byte[] png)
        {
            while (!_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _requests);
                try
                {
                    using var response = await client.PostAsync("/predict", Form(png));
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref _failed);
                        continue;
                    }
                    using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    var model = answer.RootElement.GetProperty("model").GetString()!;
                    _answeredBy.AddOrUpdate(model, 1, (_, n) => n + 1);
                    _latest = model;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref _failed);
                }
            }
        }

        /// <summary>Waits until the latest answer came from the model.</summary>
        public async Task<bool> WaitForLatestAsync(string model, TimeSpan limit)
        {
            var deadline = DateTime.UtcNow + limit;
            while (_latest != model)
            {
                if (DateTime.UtcNow > deadline) return false;
                await Task.Delay(10);
            }
            return true;
        }

        public Result Stop(double? switchedAfterMs, bool switchedBack, string? loadError)
        {
            _stop.Cancel();
            Task.WaitAll(_connections);
            return new Result(_requests, _failed, _answeredBy.ToDictionary(), switchedAfterMs, switchedBack, loadError);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_connections);
            _stop.Dispose();
        }
    }
}
