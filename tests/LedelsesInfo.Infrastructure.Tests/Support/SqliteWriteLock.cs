using Microsoft.Data.Sqlite;

namespace LedelsesInfo.Infrastructure.Tests.Support;

/// <summary>
/// Holds a SQLite file's write lock from a connection of its own until disposed, as a recompute's or an import's
/// transaction does: writers to that file wait, and the rest queue behind them.
/// </summary>
public sealed class SqliteWriteLock : IDisposable
{
    private readonly SqliteConnection connection;

    public SqliteWriteLock(string connectionString)
    {
        connection = new SqliteConnection(connectionString);
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        begin.ExecuteNonQuery();
    }

    public void Dispose()
    {
        using var rollback = connection.CreateCommand();
        rollback.CommandText = "ROLLBACK";
        rollback.ExecuteNonQuery();
        connection.Dispose();
    }
}
