using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Digits.Benchmarks.Hardening;

/// <summary>
/// Sends damaged images of every format and damaged JSON bodies to every endpoint that takes input, from a few
/// connections at once. A server error (5xx, but a 503 with Retry-After: the server shedding load) or a dropped
/// connection (status 0) fails the run, and
/// the body that caused it is kept to replay. Each request's input comes from its own seed, so a run repeats exactly.
/// </summary>
public sealed class FuzzRun(HttpClient client, string failuresFolder)
{
    private const int Connections = 8;
    private static readonly string Pixels = $"{{\"pixels\":[{string.Join(',', Enumerable.Range(0, 784).Select(i => (i % 29 == 0 ? 0.8 : 0).ToString()))}]}}";
    private static readonly string Features = $"{{\"features\":[{string.Join(',', Enumerable.Range(0, 64).Select(i => i % 17))}]}}";
    private const string Feedback = "{\"id\":\"0000000000000000\",\"label\":3}";

    public sealed record Result(int Requests, IReadOnlyDictionary<int, int> Statuses, int ServerErrors);

    public async Task<Result> RunAsync(int count, int seed)
    {
        var seeds = SeedImages.All();
        var statuses = new int[600];
        var serverErrors = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var (path, body, contentType) = Input(i, new Random(seed + i), seeds);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                int status;
                try
                {
                    using var response = await client.PostAsync(path, content);
                    status = (int)response.StatusCode;
                    if (status < 500 || status == (int)HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
                    {
                        Interlocked.Increment(ref statuses[status]);
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                    status = 0; // The connection failed: the server may have crashed.
                }
                Interlocked.Increment(ref statuses[status]);
                if (Interlocked.Increment(ref serverErrors) <= 20)
                    await File.WriteAllBytesAsync(Path.Combine(Directory.CreateDirectory(failuresFolder).FullName,
                        $"{i}-{status}{path.Replace('/', '_')}.bin"), body);
            }
        })));
        return new Result(count, Enumerable.Range(0, statuses.Length).Where(s => statuses[s] > 0).ToDictionary(s => s, s => statuses[s]), serverErrors);
    }

    private static (string Path, byte[] Body, string ContentType) Input(int index, Random random, IReadOnlyList<(string Format, byte[] Bytes)> seeds)
    {
        var mutator = new Mutator(random);
        byte[] Image() => mutator.Mutate(seeds[random.Next(seeds.Count)].Bytes);
        byte[] Json(string json) => Encoding.UTF8.GetBytes(mutator.MutateJson(json));
        return (index % 10) switch
        {
            < 5 => Multipart("/predict", [Image()], random),
            5 => Multipart("/predict/batch", Enumerable.Range(0, 1 + random.Next(4)).Select(_ => random.Next(2) == 0 ? Image() : seeds[random.Next(seeds.Count)].Bytes).ToArray(), random),
            6 => Multipart("/read", [Image()], random),
            7 => ("/predict/pixels", Json(Pixels), "application/json"),
            8 => random.Next(2) == 0 ? ("/predict/features", Json(Features), "application/json") : ("/feedback", Json(Feedback), "application/json"),
            _ => MultipartDamaged(Multipart("/predict", [seeds[random.Next(seeds.Count)].Bytes], random), mutator),
        };
    }

    private static (string, byte[], string) Multipart(string path, IReadOnlyList<byte[]> files, Random random)
    {
        var boundary = $"fuzz{random.Next():x}";
        using var body = new MemoryStream();
        foreach (var file in files)
        {
            body.Write(Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"digit\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
            body.Write(file);
            body.Write("\r\n"u8);
        }
        body.Write(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"));
        return (path, body.ToArray(), $"multipart/form-data; boundary={boundary}");
    }

    private static (string, byte[], string) MultipartDamaged((string Path, byte[] Body, string ContentType) request, Mutator mutator) =>
        (request.Path, mutator.Mutate(request.Body), request.ContentType);
}
