using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <summary>
/// Sets <c>synchronous=NORMAL</c> and a busy timeout on every SQLite connection. The database runs in WAL mode (set once at start-up), where
/// NORMAL syncs at checkpoints instead of at every commit: a commit survives the process crashing, and the database stays
/// consistent after a power cut, which may lose the last commits. Without it, each page view's access-log insert waited
/// for the disk (about 30 ms on the benchmark machine; docs/performance.md). With <see cref="AccessLogPath"/>, it also
/// attaches the access log's own file (<see cref="AccessLogFile"/>). Both hold for the life of SQLite's connection, which
/// the pool hands out again and again: it is set up once, when first opened, not on every request (a profile of the
/// management page found 5 % of its time in these commands; docs/performance.md). Each connection's page cache is
/// 512 KiB instead of SQLite's 2 MB: a page keeps its connection for the whole request (the web app's
/// <c>RequestConnection</c>), so the pool holds one for every request in flight, and at 2 MB each they took the web
/// server past 500 MB in the benchmark's mix; the file's pages stay in the operating system's cache either way.
/// </summary>
public sealed class SqlitePragmas(string? accessLogPath = null) : DbConnectionInterceptor
{
    public string? AccessLogPath { get; } = accessLogPath;

    // busy_timeout: a writer that finds another writer busy waits inside SQLite, retrying within milliseconds; without it
    // Microsoft.Data.Sqlite retries on its own after sleeping 150 ms, which two page views logging at once ran into.
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-512;";

    /// <summary>SQLite's connections already set up, by their native handle, which outlives the pooled <see cref="SqliteConnection"/> objects.</summary>
    private static readonly ConditionalWeakTable<object, object> Prepared = new();

    /// <summary>Forgets a connection's set-up, so the next open sets it up again (after the log's file is detached from it).</summary>
    internal static void Forget(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Prepared.Remove(handle);
        }
    }

    private static bool IsPrepared(DbConnection connection) => connection is SqliteConnection { Handle: { } handle } && Prepared.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Prepared.AddOrUpdate(handle, handle);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsPrepared(connection))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        if (AccessLogPath is { } path)
        {
            AccessLogFile.Attach(connection, path);
        }
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsPrepared(connection))
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (AccessLogPath is { } path)
        {
            AccessLogFile.Attach(connection, path);
        }
        Remember(connection);
    }
}
