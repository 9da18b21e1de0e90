namespace Digits.Feedback;

/// <summary>The little that differs between SQLite and PostgreSQL for the feedback store; the statements are shared.</summary>
/// <param name="BlobType">The column type of raw bytes.</param>
/// <param name="OnOpen">Run on every new connection: settings that are per connection.</param>
/// <param name="SchemaLock">Run before the schema is created, in its transaction, so that servers starting together do not race.</param>
/// <param name="UnsyncedBefore">Run before a transaction that need not wait for the disk (SQLite sets this per connection, outside transactions).</param>
/// <param name="UnsyncedWithin">Run first inside such a transaction (PostgreSQL sets it for the transaction alone).</param>
/// <remarks>
/// Answers, written in batches, commit without waiting for the disk: a power cut may lose the last of them, a crash
/// of the server never does. Feedback always waits, so an acknowledged one survives both. Every connection opens
/// with <paramref name="OnOpen"/>, so a pooled one never carries the relaxed setting over to feedback.
/// </remarks>
public sealed record SqlDialect(string Name, string BlobType, string? OnOpen, string? SchemaLock, string? UnsyncedBefore, string? UnsyncedWithin)
{
    public static readonly SqlDialect Sqlite = new("sqlite", "BLOB", "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;", null,
        UnsyncedBefore: "PRAGMA synchronous = NORMAL", UnsyncedWithin: null);

    public static readonly SqlDialect PostgreSql = new("postgresql", "BYTEA", null, "SELECT pg_advisory_xact_lock(20261207)",
        UnsyncedBefore: null, UnsyncedWithin: "SET LOCAL synchronous_commit = off");
}
