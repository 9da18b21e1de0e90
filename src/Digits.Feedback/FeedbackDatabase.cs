using Microsoft.Data.Sqlite;
using Npgsql;

namespace Digits.Feedback;

/// <summary>Opens the store a setting names: a SQLite file path, a postgresql:// URL, or "off".</summary>
public static class FeedbackDatabase
{
    public const string Off = "off";
    public const string DefaultFileName = "feedback.db";

    /// <summary>The default: a SQLite file beside the models folder.</summary>
    public static string DefaultPath(string modelsDirectory) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelsDirectory).TrimEnd(Path.DirectorySeparatorChar)) ?? ".", DefaultFileName);

    public static bool IsPostgreSql(string setting) =>
        setting.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || setting.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <returns>The store, or null when the setting is "off".</returns>
    public static async Task<IFeedbackStore?> OpenAsync(string setting, CancellationToken cancellation = default)
    {
        if (string.Equals(setting, Off, StringComparison.OrdinalIgnoreCase)) return null;
        if (IsPostgreSql(setting))
        {
            var builder = PostgreSqlConnection(setting);
            return await SqlFeedbackStore.OpenAsync(NpgsqlDataSource.Create(builder), SqlDialect.PostgreSql,
                $"postgresql {builder.Host}:{builder.Port}/{builder.Database}", cancellation);
        }
        var path = Path.GetFullPath(setting);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        await using (var first = new SqliteConnection(connection))
        {
            // WAL lets answers be read while others are written; the mode is kept in the file.
            await first.OpenAsync(cancellation);
            await using var wal = first.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL";
            await wal.ExecuteNonQueryAsync(cancellation);
        }
        return await SqlFeedbackStore.OpenAsync(SqliteFactory.Instance.CreateDataSource(connection), SqlDialect.Sqlite, $"sqlite {path}", cancellation);
    }

    /// <summary>Npgsql takes keywords, people write URLs: postgresql://user:password@host:port/database?sslmode=require.</summary>
    public static NpgsqlConnectionStringBuilder PostgreSqlConnection(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? NpgsqlConnection.DefaultPort : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')) is { Length: > 0 } database ? database : null,
        };
        if (uri.UserInfo.Split(':', 2) is [var user, ..] && user.Length > 0) builder.Username = Uri.UnescapeDataString(user);
        if (uri.UserInfo.Split(':', 2) is [_, var password]) builder.Password = Uri.UnescapeDataString(password);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, v) : (pair, "");
            builder[Uri.UnescapeDataString(key).Replace('_', ' ')] = Uri.UnescapeDataString(value);
        }
        return builder;
    }
}
