using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <summary>
/// Sets <c>synchronous=NORMAL</c> and a busy timeout on every SQLite connection. The database runs in WAL mode (set once at start-up), where
/// NORMAL syncs at checkpoints instead of at every commit: a commit survives the process crashing, and the database stays
/// consistent after a power cut, which may lose the last commits. Without it, each page view's access-log insert waited
/// for the disk (about 30 ms on the benchmark machine; docs/performance.md). With <see cref="AccessLogPath"/>, it also
/// attaches the access log's own file (<see cref="AccessLogFile"/>).
/// </summary>
public sealed class SqlitePragmas(string? accessLogPath = null) : DbConnectionInterceptor
{
    public string? AccessLogPath { get; } = accessLogPath;

    // busy_timeout: a writer that finds another writer busy waits inside SQLite, retrying within milliseconds; without it
    // Microsoft.Data.Sqlite retries on its own after sleeping 150 ms, which two page views logging at once ran into.
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        if (AccessLogPath is { } path)
        {
            AccessLogFile.Attach(connection, path);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (AccessLogPath is { } path)
        {
            AccessLogFile.Attach(connection, path);
        }
    }
}
