using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LedelsesInfo.Infrastructure.Persistence.Sql;

/// <summary>SQLite: temporary tables in the temp schema, dates and timestamps as ISO text, money as whole øre.</summary>
public sealed class SqliteDialect : SqlDialect
{
    internal SqliteDialect(IModel model, ISqlGenerationHelper helper) : base(model, helper)
    {
    }

    public override string Temp(string name) => "temp." + Q(name);

    public override string CreateTemp(string name, string columns) => $"CREATE TEMP TABLE {Q(name)} ({columns})";

    public override string CreateTempIndex(string table, string columns) => $"CREATE INDEX temp.{Q("ix_" + table)} ON {Q(table)} ({columns})";

    public override string DropTemp(string name) => $"DROP TABLE IF EXISTS temp.{Q(name)}";

    public override string IntType => "INTEGER";
    public override string TextType => "TEXT";
    public override string CastText => "TEXT";
    public override string DateType => "TEXT";
    public override string NumberType => "NUMERIC";
    public override string Concat => "||";

    public override string DateOf(string timestamp) => $"date({timestamp})";

    public override string AddHours(string timestamp, int hours) => $"datetime({timestamp}, '+{hours} hours')";

    public override string AddDays(string date, int days) => $"date({date}, '{(days < 0 ? "-" : "+")}{Math.Abs(days)} days')";

    // SQLite's own '+N months' overflows (31 January + 1 month = 3 March); clamp to the last day of the target month.
    public override string AddMonths(string date, string months) =>
        $"min(date({date}, 'start of month', '+' || ({months}) || ' months', '+' || (CAST(strftime('%d', {date}) AS INTEGER) - 1) || ' days'), " +
        $"date({date}, 'start of month', '+' || (({months}) + 1) || ' months', '-1 day'))";

    public override string MonthStart(string date) => $"date({date}, 'start of month')";

    public override string MoneyToKroner(string sum) => $"({sum}) / 100.0";

    public override string Quantity(string sum) => $"round({sum}, 10)";

    public override string Materialized => "MATERIALIZED ";

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

    public override string Upsert(string table, string stage, string where, IReadOnlyList<string> columns, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(keys);
        var list = string.Join(", ", columns.Select(Q));
        var updates = columns.Except(keys).Select(c => $"{Q(c)} = excluded.{Q(c)}");
        return $"INSERT INTO {Q(table)} ({list}) SELECT {string.Join(", ", columns.Select(c => "s." + Q(c)))} FROM {stage} s " +
               $"WHERE {where} ORDER BY s.{Q("row_no")} " +
               $"ON CONFLICT ({string.Join(", ", keys.Select(Q))}) DO UPDATE SET {string.Join(", ", updates)}";
    }

    public override IStageWriter OpenWriter(DbConnection connection, DbTransaction transaction, string stage, IReadOnlyList<StageColumn> columns) =>
        new RowWriter(connection, transaction, Q, "$", stage, columns);

    // The day index takes only what is new: SQLite ignores a key it has.
    public override string AccessLogInsert =>
        $"INSERT INTO {Table<Domain.AccessLogEntry>()} ({AccessLogColumns}) VALUES (@at, @user, @employee, @ids, @page, @action);" +
        $" INSERT OR IGNORE INTO {Table<Domain.AccessLogCaseDay>()} ({Column<Domain.AccessLogCaseDay>(nameof(Domain.AccessLogCaseDay.CaseId))}, {Column<Domain.AccessLogCaseDay>(nameof(Domain.AccessLogCaseDay.Day))})" +
        " SELECT value, @day FROM json_each(@ids) WHERE value IS NOT NULL";
}
