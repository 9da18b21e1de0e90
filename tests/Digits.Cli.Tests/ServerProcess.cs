using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Digits.Cli.Tests;

/// <summary>A `digits serve` process on a free loopback port, ready to answer; what it writes to its output is kept.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <param name="arguments">Options after `serve` (`--urls` is chosen here).</param>
    public static async Task<ServerProcess> Start(string modelsDirectory, params string[] arguments)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "digits")) { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] all = ["--models-dir", modelsDirectory, "serve", "--urls", $"http://127.0.0.1:{port}", .. arguments];
        foreach (var argument in all)
            start.ArgumentList.Add(argument);
        var server = new ServerProcess(Process.Start(start)!, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) });
        server._process.OutputDataReceived += (_, line) => { lock (server._output) server._output.AppendLine(line.Data); };
        server._process.BeginOutputReadLine();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var ready = await server.Client.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) when (attempt < 300 && !server._process.HasExited)
            {
            }
            if (server._process.HasExited) Assert.Fail($"digits serve stopped: {await server._process.StandardError.ReadToEndAsync()}");
            Assert.True(attempt < 300, "digits serve was not ready within 30 s");
            await Task.Delay(100);
        }
    }

    /// <summary>Each line the server has written to its output so far.</summary>
    public IReadOnlyList<string> OutputLines
    {
        get
        {
            lock (_output) return _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
