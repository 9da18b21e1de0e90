namespace Digits.Server.Tests;

/// <summary>The checkout the tests run from, for the files beside the code (deploy/, tools/).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Digits.slnx"))) return folder.FullName;
        throw new DirectoryNotFoundException("The repository root (Digits.slnx) is not above the test binaries.");
    }
}
