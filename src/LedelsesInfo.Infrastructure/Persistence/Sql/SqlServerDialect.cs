using System.Data;
using System.Data.Common;
using LedelsesInfo.Domain;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LedelsesInfo.Infrastructure.Persistence.Sql;

/// <summary>SQL Server (and Azure SQL): # temporary tables in the database's collation, MERGE, bulk copy, OPENJSON.</summary>
public sealed class SqlServerDialect : SqlDialect
{
    internal SqlServerDialect(IModel model, ISqlGenerationHelper helper) : base(model, helper)
    {
    }

    public override string Temp(string name) => Q("#" + name);

    public override string CreateTemp(string name, string columns) => $"CREATE TABLE {Q("#" + name)} ({columns})";

    public override string CreateTempIndex(string table, string columns) => $"CREATE INDEX {Q("ix_" + table)} ON {Q("#" + table)} ({columns})";

    public override string DropTemp(string name) => $"DROP TABLE IF EXISTS {Q("#" + name)}";

    public override string IntType => "int";
    // Temporary tables take tempdb's collation unless told; joins with the database's columns need the same one.
    public override string TextType => "nvarchar(64) COLLATE DATABASE_DEFAULT";
    public override string CastText => "nvarchar(64)";
    public override string DateType => "date";
    public override string NumberType => "decimal(28,6)";
    public override string Concat => "+";

    public override string DateOf(string timestamp) => $"CAST({timestamp} AS date)";

    public override string AddHours(string timestamp, int hours) => $"DATEADD(hour, {hours}, {timestamp})";

    public override string AddDays(string date, int days) => $"DATEADD(day, {days}, {date})";

    public override string AddMonths(string date, string months) => $"DATEADD(month, {months}, {date})";

    public override string MonthStart(string date) => $"DATEFROMPARTS(YEAR({date}), MONTH({date}), 1)";

    public override string MoneyToKroner(string sum) => sum;

    public override string Quantity(string sum) => $"CAST({sum} AS decimal(28,10))";

    public override string Materialized => "";

    public override string Top(int n, string selectWithoutSelectKeyword) => $"SELECT TOP ({n}) {selectWithoutSelectKeyword}";

    public override string Earliest(IReadOnlyList<string> expressions) => expressions.Count == 0 ? "CAST(NULL AS date)"
        : $"(SELECT MIN(v) FROM (VALUES {string.Join(", ", expressions.Select(e => $"(CAST({e} AS date))"))}) dates(v))";

    public override string Differs(string a, string b) => $"({a} <> {b} OR ({a} IS NULL AND {b} IS NOT NULL) OR ({a} IS NOT NULL AND {b} IS NULL))";

    public override string Everything => "CAST('0001-01-01' AS date)";

    public override string Upsert(string table, string stage, string where, IReadOnlyList<string> columns, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(keys);
        var on = string.Join(" AND ", keys.Select(k => $"t.{Q(k)} = s.{Q(k)}"));
        var updates = string.Join(", ", columns.Except(keys).Select(c => $"t.{Q(c)} = s.{Q(c)}"));
        var list = string.Join(", ", columns.Select(Q));
        var values = string.Join(", ", columns.Select(c => "s." + Q(c)));
        return $"MERGE INTO {Q(table)} WITH (HOLDLOCK) AS t USING (SELECT {values} FROM {stage} s WHERE {where}) AS s ON {on} " +
               $"WHEN MATCHED THEN UPDATE SET {updates} WHEN NOT MATCHED THEN INSERT ({list}) VALUES ({values});";
    }

    /// <summary>Bulk copy on SqlClient's connection; row by row on any other (the offline check of the statements, which has no server).</summary>
    public override IStageWriter OpenWriter(DbConnection connection, DbTransaction transaction, string stage, IReadOnlyList<StageColumn> columns) =>
        connection is SqlConnection sql
            ? new Writer(sql, (SqlTransaction)transaction, stage, columns)
            : new RowWriter(connection, transaction, Q, "@", stage, columns);

    // The key range of a (case, day) is held until commit, so two writers cannot both find it new.
    public override string AccessLogInsert
    {
        get
        {
            var days = Table<AccessLogCaseDay>();
            var caseId = Column<AccessLogCaseDay>(nameof(AccessLogCaseDay.CaseId));
            var day = Column<AccessLogCaseDay>(nameof(AccessLogCaseDay.Day));
            return $"INSERT INTO {Table<AccessLogEntry>()} ({AccessLogColumns}) VALUES (@at, @user, @employee, @ids, @page, @action);" +
                $" INSERT INTO {days} ({caseId}, {day}) SELECT DISTINCT [value], @day FROM OPENJSON(@ids) AS ids WHERE [value] IS NOT NULL" +
                $" AND NOT EXISTS (SELECT 1 FROM {days} AS d WITH (UPDLOCK, HOLDLOCK) WHERE d.{caseId} = ids.[value] AND d.{day} = @day)";
        }
    }

    private sealed class Writer : IStageWriter
    {
        private const int BatchSize = 10_000;
        private readonly SqlBulkCopy _copy;
        private readonly DataTable _buffer = new();

        public Writer(SqlConnection connection, SqlTransaction transaction, string stage, IReadOnlyList<StageColumn> columns)
        {
            _copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction) { DestinationTableName = stage, BatchSize = BatchSize, BulkCopyTimeout = 0 };
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
