using System.Data.Common;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <summary>Raw SQL on an open connection inside a transaction, for the importer and the key-figure engine.</summary>
internal static class DbCommands
{
    /// <summary>Runs one statement without a time limit (a large import or recompute may take minutes) and returns the rows it changed.</summary>
    public static async Task<int> ExecAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return await command.ExecuteNonQueryAsync(ct);
    }
}
