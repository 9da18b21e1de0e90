using Digits.Core.Data;
using Digits.Core.Models;

namespace Digits.Training;

/// <summary>
/// One training run per model name at a time, across processes: an exclusive lock on models/NAME/.training.lock,
/// held for the run and released by the system if the process dies. Holding it, a run also clears what killed runs of
/// the name left behind (half-built version folders).
/// </summary>
public sealed class TrainingLock : IDisposable
{
    private const string LockFile = ".training.lock";
    private const string OwnerFile = ".training.json";
    private readonly FileStream _held;
    private readonly string _owner;

    private TrainingLock(FileStream held, string owner)
    {
        _held = held;
        _owner = owner;
    }

    /// <summary>Who holds a lock, for the message the next run gets.</summary>
    public sealed record Owner(int ProcessId, string Machine, DateTimeOffset Started, string Command);

    /// <exception cref="InvalidTrainingOptionsException">Another run of this name holds the lock.</exception>
    public static TrainingLock Acquire(ModelStore store, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(store.Root, name)).FullName;
        var owner = Path.Combine(folder, OwnerFile);
        FileStream held;
        try
        {
            held = new FileStream(Path.Combine(folder, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidTrainingOptionsException($"'{name}' is being trained by another run ({Describe(owner)}). Wait for it to end, or stop it first.");
        }
        AtomicFile.WriteAllText(owner, DigitsJson.Serialize(new Owner(Environment.ProcessId, Environment.MachineName, DateTimeOffset.UtcNow,
            string.Join(' ', Environment.GetCommandLineArgs().Skip(1)))));
        foreach (var staging in Directory.GetDirectories(folder, ModelStore.StagingPrefix + "*")) Directory.Delete(staging, recursive: true);
        return new TrainingLock(held, owner);
    }

    private static string Describe(string ownerFile)
    {
        try
        {
            var owner = DigitsJson.Deserialize<Owner>(File.ReadAllText(ownerFile));
            return $"process {owner.ProcessId} on {owner.Machine}, started {owner.Started:yyyy-MM-dd HH:mm} UTC: {owner.Command}";
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return "its details cannot be read";
        }
    }

    public void Dispose()
    {
        File.Delete(_owner);
        _held.Dispose();
    }
}
