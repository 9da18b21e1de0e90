using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Digits.Tests.Shared;

/// <summary>
/// A real PostgreSQL server (Debian's postgresql package) of the tests' own: a fresh cluster in a temporary folder,
/// listening on a free loopback port, stopped and deleted afterwards. PostgreSQL refuses to run as root, so as root it
/// runs as the postgres user the package creates.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private const string User = "digits";
    private readonly string _folder = Directory.CreateTempSubdirectory("digits-postgresql-").FullName;
    private string Data => Path.Combine(_folder, "data");
    private int _port;

    /// <summary>The URL a server takes as --feedback-db.</summary>
    public string Url => $"postgresql://{User}@127.0.0.1:{_port}/postgres";

    public async Task InitializeAsync()
    {
        _port = FreePort();
        if (Environment.IsPrivilegedProcess) await Run("chown", "-R", "postgres:postgres", _folder);
        await RunPostgres("initdb", "-D", Data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync");
        await RunPostgres("pg_ctl", "-D", Data, "-w", "-l", Path.Combine(_folder, "log"),
            "-o", $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    public async Task DisposeAsync()
    {
        await RunPostgres("pg_ctl", "-D", Data, "-w", "-m", "immediate", "stop");
        Directory.Delete(_folder, recursive: true);
    }

    private static Task RunPostgres(string tool, params string[] arguments)
    {
        var path = Path.Combine(BinaryFolder(), tool);
        return Environment.IsPrivilegedProcess ? Run("runuser", ["-u", "postgres", "--", path, .. arguments]) : Run(path, arguments);
    }

    private static string BinaryFolder() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(Directory.Exists)
                  .OrderBy(v => v, StringComparer.Ordinal).LastOrDefault() ?? throw Missing()
            : throw Missing();

    private static Exception Missing() => new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql");

    private static async Task Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
