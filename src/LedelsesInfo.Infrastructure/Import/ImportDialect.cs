using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore.Storage;

namespace LedelsesInfo.Infrastructure.Import;

/// <summary>What differs between SQLite and SQL Server when staging and upserting a file.</summary>
internal abstract class ImportDialect(ISqlGenerationHelper sql)
{
    public string Q(string identifier) => sql.DelimitIdentifier(identifier);

    public abstract string Stage { get; }
    public abstract string Rejected { get; }

    public abstract string CreateTemp(string name, string columns);

    public abstract string CreateTempIndex(string table, string columns);

    public abstract string DropTemp(string name);

    public abstract string Top(int n, string selectWithoutSelectKeyword);

    public abstract string Upsert(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keys);

    public abstract IStageWriter OpenWriter(DbConnection connection, DbTransaction transaction, IReadOnlyList<StageColumn> columns);

    /// <summary>The staged row <c>s</c> was not rejected.</summary>
    public string NotRejected => $"NOT EXISTS (SELECT 1 FROM {Rejected} r WHERE r.{Q("row_no")} = s.{Q("row_no")})";

    /// <summary>The earliest of date or timestamp expressions as a date, ignoring nulls; null when all are null.</summary>
    public abstract string Earliest(IReadOnlyList<string> expressions);

    /// <summary>True when two values differ, a null against a value included.</summary>
    public abstract string Differs(string a, string b);

    /// <summary>The date that means "every period" (<see cref="DateOnly.MinValue"/>).</summary>
    public abstract string Everything { get; }
}

internal sealed record StageColumn(string Name, string StoreType, Type ProviderType);

internal interface IStageWriter : IAsyncDisposable
{
    Task WriteAsync(int rowNumber, object?[] providerValues, CancellationToken ct);

    Task FlushAsync(CancellationToken ct);
}

internal sealed class SqliteImportDialect(ISqlGenerationHelper sql) : ImportDialect(sql)
{
    public override string Stage => "temp." + Q("stage");
    public override string Rejected => "temp." + Q("stage_rejected");

    public override string CreateTemp(string name, string columns) => $"CREATE TEMP TABLE {Q(name)} ({columns})";

    public override string CreateTempIndex(string table, string columns) => $"CREATE INDEX temp.{Q("ix_" + table)} ON {Q(table)} ({columns})";

    public override string DropTemp(string name) => $"DROP TABLE IF EXISTS temp.{Q(name)}";

    public override string Top(int n, string selectWithoutSelectKeyword) => $"SELECT {selectWithoutSelectKeyword} LIMIT {n}";

    // Dates and timestamps are ISO text, so the smallest text is the earliest; SQLite's MIN with several arguments is
    // null if any is, hence the stand-in for null. Timestamps are cut to their date.
    public override string Earliest(IReadOnlyList<string> expressions) => expressions.Count switch
    {
        0 => "NULL",
        1 => $"substr({expressions[0]}, 1, 10)",
        _ => $"NULLIF(MIN({string.Join(", ", expressions.Select(e => $"COALESCE(substr({e}, 1, 10), '9999-12-31')"))}), '9999-12-31')",
    };

    public override string Differs(string a, string b) => $"({a} IS NOT {b})";

    public override string Everything => "'0001-01-01'";

    public override string Upsert(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keys)
    {
        var list = string.Join(", ", columns.Select(Q));
        var updates = columns.Except(keys).Select(c => $"{Q(c)} = excluded.{Q(c)}");
        return $"INSERT INTO {Q(table)} ({list}) SELECT {string.Join(", ", columns.Select(c => "s." + Q(c)))} FROM {Stage} s " +
               $"WHERE {NotRejected} ORDER BY s.{Q("row_no")} " +
               $"ON CONFLICT ({string.Join(", ", keys.Select(Q))}) DO UPDATE SET {string.Join(", ", updates)}";
    }

    public override IStageWriter OpenWriter(DbConnection connection, DbTransaction transaction, IReadOnlyList<StageColumn> columns) =>
        new Writer(connection, transaction, this, columns);

    /// <summary>One prepared INSERT reused for every row: SQLite's fastest path, inside the file's transaction.</summary>
    private sealed class Writer : IStageWriter
    {
        private readonly DbCommand _command;

        public Writer(DbConnection connection, DbTransaction transaction, SqliteImportDialect dialect, IReadOnlyList<StageColumn> columns)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            var names = new List<string> { dialect.Q("row_no") };
            var values = new List<string> { "$p0" };
            _command.Parameters.Add(Parameter("$p0"));
            for (var i = 0; i < columns.Count; i++)
            {
                names.Add(dialect.Q(columns[i].Name));
                values.Add($"$p{i + 1}");
                _command.Parameters.Add(Parameter($"$p{i + 1}"));
            }
            _command.CommandText = $"INSERT INTO {dialect.Stage} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)})";
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
}

internal sealed class SqlServerImportDialect(ISqlGenerationHelper sql) : ImportDialect(sql)
{
    public override string Stage => Q("#stage");
    public override string Rejected => Q("#stage_rejected");

    public override string CreateTemp(string name, string columns) => $"CREATE TABLE {Q("#" + name)} ({columns})";

    public override string CreateTempIndex(string table, string columns) => $"CREATE INDEX {Q("ix_" + table)} ON {Q("#" + table)} ({columns})";

    public override string DropTemp(string name) => $"DROP TABLE IF EXISTS {Q("#" + name)}";

    public override string Top(int n, string selectWithoutSelectKeyword) => $"SELECT TOP ({n}) {selectWithoutSelectKeyword}";

    public override string Earliest(IReadOnlyList<string> expressions) => expressions.Count == 0 ? "CAST(NULL AS date)"
        : $"(SELECT MIN(v) FROM (VALUES {string.Join(", ", expressions.Select(e => $"(CAST({e} AS date))"))}) dates(v))";

    public override string Differs(string a, string b) => $"({a} <> {b} OR ({a} IS NULL AND {b} IS NOT NULL) OR ({a} IS NOT NULL AND {b} IS NULL))";

    public override string Everything => "CAST('0001-01-01' AS date)";

    public override string Upsert(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keys)
    {
        var on = string.Join(" AND ", keys.Select(k => $"t.{Q(k)} = s.{Q(k)}"));
        var updates = string.Join(", ", columns.Except(keys).Select(c => $"t.{Q(c)} = s.{Q(c)}"));
        var list = string.Join(", ", columns.Select(Q));
        var values = string.Join(", ", columns.Select(c => "s." + Q(c)));
        return $"MERGE INTO {Q(table)} WITH (HOLDLOCK) AS t USING (SELECT {values} FROM {Stage} s WHERE {NotRejected}) AS s ON {on} " +
               $"WHEN MATCHED THEN UPDATE SET {updates} WHEN NOT MATCHED THEN INSERT ({list}) VALUES ({values});";
    }

    public override IStageWriter OpenWriter(DbConnection connection, DbTransaction transaction, IReadOnlyList<StageColumn> columns) =>
        new Writer((SqlConnection)connection, (SqlTransaction)transaction, columns);

    /// <summary>Buffers rows in a small DataTable and bulk-copies it, so memory stays flat for any file size.</summary>
    private sealed class Writer : IStageWriter
    {
        private const int BatchSize = 10_000;
        private readonly SqlBulkCopy _copy;
        private readonly DataTable _buffer = new();

        public Writer(SqlConnection connection, SqlTransaction transaction, IReadOnlyList<StageColumn> columns)
        {
            _copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction) { DestinationTableName = "#stage", BatchSize = BatchSize, BulkCopyTimeout = 0 };
            _buffer.Columns.Add("row_no", typeof(int));
            _copy.ColumnMappings.Add("row_no", "row_no");
            foreach (var column in columns)
            {
                var type = column.ProviderType == typeof(DateOnly) ? typeof(DateTime) : Nullable.GetUnderlyingType(column.ProviderType) ?? column.ProviderType;
                _buffer.Columns.Add(column.Name, type == typeof(DateOnly) ? typeof(DateTime) : type);
                _copy.ColumnMappings.Add(column.Name, column.Name);
            }
        }

        public async Task WriteAsync(int rowNumber, object?[] providerValues, CancellationToken ct)
        {
            var row = _buffer.NewRow();
            row[0] = rowNumber;
            for (var i = 0; i < providerValues.Length; i++)
            {
                row[i + 1] = providerValues[i] switch
                {
                    null => DBNull.Value,
                    DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                    var v => v,
                };
            }
            _buffer.Rows.Add(row);
            if (_buffer.Rows.Count >= BatchSize)
            {
                await FlushAsync(ct);
            }
        }

        public async Task FlushAsync(CancellationToken ct)
        {
            if (_buffer.Rows.Count > 0)
            {
                await _copy.WriteToServerAsync(_buffer, ct);
                _buffer.Clear();
            }
        }

        public ValueTask DisposeAsync()
        {
            ((IDisposable)_copy).Dispose();
            _buffer.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
