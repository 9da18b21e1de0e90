using Digits.Core.Data;
namespace Digits.Data;

/// <summary>Where fetched data sets live: --data-dir, else DIGITS_DATA_DIR, else ~/.cache/digits.</summary>
public static class DataDirectory
{
    public const string EnvironmentVariable = "DIGITS_DATA_DIR";

    public static string Resolve(string? explicitDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory)) return Path.GetFullPath(explicitDirectory);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(cache))
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "digits");
    }
}
