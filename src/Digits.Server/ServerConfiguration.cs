using Microsoft.Extensions.Configuration;

namespace Digits.Server;

/// <summary>Reads <see cref="ServerOptions"/> the ASP.NET way and refuses values out of range before anything starts.</summary>
public static class ServerConfiguration
{
    /// <param name="settings">Values given on the command line, by key; they win over the environment and the file.</param>
    public static ServerOptions Load(IEnumerable<KeyValuePair<string, string?>> settings) =>
        Bind(new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables(ServerOptions.EnvironmentPrefix)
            .AddInMemoryCollection(settings)
            .Build());

    /// <exception cref="InvalidServerOptionsException">A value is out of range or cannot be read as its type.</exception>
    public static ServerOptions Bind(IConfiguration configuration)
    {
        ServerOptions options;
        try
        {
            options = configuration.Get<ServerOptions>() ?? new ServerOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidServerOptionsException($"A server setting cannot be read: {e.Message}");
        }
        var problems = options.Problems().ToArray();
        return problems.Length == 0 ? options : throw new InvalidServerOptionsException(string.Join(" ", problems));
    }
}

public sealed class InvalidServerOptionsException(string message) : Exception(message);
