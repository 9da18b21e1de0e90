namespace Digits.Data;

/// <summary>
/// Package lists of Digits' own, kept in the data cache, so a Debian package can be downloaded on a machine whose
/// lists were never fetched and by a user who may not write the system's (`apt-get update` needs neither root nor a lock
/// on /var/lib/apt when its lists and cache point here). The sources and the archive keys are still the system's.
/// </summary>
public sealed class PrivateAptState(string directory)
{
    private string Lists => Path.Combine(directory, "lists");
    private string Cache => Path.Combine(directory, "cache");

    public bool HasLists => Directory.Exists(Lists) && Directory.EnumerateFiles(Lists, "*Packages*").Any();

    /// <summary>The options that make apt-get use this state instead of the system's.</summary>
    public IReadOnlyList<string> Options =>
        ["-o", $"Dir::State::Lists={Lists}", "-o", $"Dir::Cache={Cache}"];

    public void Update(string installHint)
    {
        Directory.CreateDirectory(Path.Combine(Lists, "partial"));
        Directory.CreateDirectory(Path.Combine(Cache, "archives", "partial"));
        ExternalTool.Run("apt-get", [.. Options, "-q", "update"], directory, installHint);
    }
}
