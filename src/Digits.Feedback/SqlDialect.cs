namespace Digits.Feedback;

/// <summary>The little that differs between SQLite and PostgreSQL for the feedback store; the statements are shared.</summary>
/// <param name="BlobType">The column type of raw bytes.</param>
/// <param name="OnOpen">Run on every new connection: settings that are per connection.</param>
/// <param name="SchemaLock">Run before the schema is created, in its transaction, so that servers starting together do not race.</param>
public sealed record SqlDialect(string Name, string BlobType, string? OnOpen, string? SchemaLock)
{
    // Every commit waits for the disk, so acknowledged feedback survives a crash or a power cut.
    public static readonly SqlDialect Sqlite = new("sqlite", "BLOB", "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;", null);

    public static readonly SqlDialect PostgreSql = new("postgresql", "BYTEA", null, "SELECT pg_advisory_xact_lock(20261207)");
}
