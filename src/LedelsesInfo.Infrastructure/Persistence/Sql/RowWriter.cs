using System.Data.Common;

namespace LedelsesInfo.Infrastructure.Persistence.Sql;

/// <summary>
/// One prepared INSERT reused for every row, inside the file's transaction: SQLite's fastest path, and SQL Server's where
/// the connection is not SqlClient's own (the offline check of the statements, which has no server to bulk copy to).
/// </summary>
internal sealed class RowWriter : IStageWriter
{
    private readonly DbCommand _command;

    public RowWriter(DbConnection connection, DbTransaction transaction, Func<string, string> quote, string prefix, string stage, IReadOnlyList<StageColumn> columns)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        var names = new List<string> { quote("row_no") };
        var values = new List<string> { prefix + "p0" };
        _command.Parameters.Add(Parameter(prefix + "p0"));
        for (var i = 0; i < columns.Count; i++)
        {
            names.Add(quote(columns[i].Name));
            values.Add($"{prefix}p{i + 1}");
            _command.Parameters.Add(Parameter($"{prefix}p{i + 1}"));
        }
        _command.CommandText = $"INSERT INTO {stage} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)})";
        _command.Prepare();
    }

    private DbParameter Parameter(string name)
    {
        var p = _command.CreateParameter();
        p.ParameterName = name;
        return p;
    }

    public async Task WriteAsync(int rowNumber, object?[] providerValues, CancellationToken ct)
    {
        _command.Parameters[0].Value = rowNumber;
        for (var i = 0; i < providerValues.Length; i++)
        {
            _command.Parameters[i + 1].Value = providerValues[i] ?? DBNull.Value;
        }
        await _command.ExecuteNonQueryAsync(ct);
    }

    public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
