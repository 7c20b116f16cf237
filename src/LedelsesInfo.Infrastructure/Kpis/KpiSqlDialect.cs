namespace LedelsesInfo.Infrastructure.Kpis;

/// <summary>The few expressions where SQLite and SQL Server differ: date arithmetic, temp tables, money storage.</summary>
internal abstract class KpiSqlDialect
{
    /// <summary>A temporary table's name as written in SQL.</summary>
    public abstract string T(string name);

    public abstract string CreateTemp(string name, string columns);

    public abstract string DropTemp(string name);

    /// <summary>The date of a timestamp.</summary>
    public abstract string DateOf(string timestamp);

    public abstract string AddHours(string timestamp, int hours);

    /// <summary>Calendar months; the 31st plus one month is the last day of the next month.</summary>
    public abstract string AddMonths(string date, string months);

    /// <summary>A date literal.</summary>
    public abstract string Date(DateOnly day);

    /// <summary>A timestamp literal at midnight.</summary>
    public abstract string Timestamp(DateOnly day);

    /// <summary>A point in time as a literal, to the second.</summary>
    public abstract string Timestamp(DateTime at);

    /// <summary>The year of a date as an integer.</summary>
    public abstract string Year(string date);

    /// <summary>The first day of the month of a date.</summary>
    public abstract string MonthStart(string date);

    /// <summary>Turns a summed money column into kroner (SQLite stores øre).</summary>
    public abstract string MoneyToKroner(string sum);

    /// <summary>Rounds a sum of decimal quantities (SQLite sums decimal TEXT as floating point).</summary>
    public abstract string Quantity(string sum);

    /// <summary>Asks for a CTE used twice to be computed once (SQLite); SQL Server decides itself.</summary>
    public abstract string Materialized { get; }

    public abstract string IntType { get; }
    public abstract string TextType { get; }
    public abstract string DateType { get; }
    public abstract string NumberType { get; }
}

internal sealed class SqliteKpiDialect : KpiSqlDialect
{
    public override string T(string name) => name;

    public override string CreateTemp(string name, string columns) => $"CREATE TEMP TABLE {name} ({columns})";

    public override string DropTemp(string name) => $"DROP TABLE IF EXISTS temp.{name}";

    public override string DateOf(string timestamp) => $"date({timestamp})";

    public override string AddHours(string timestamp, int hours) => $"datetime({timestamp}, '+{hours} hours')";

    // SQLite's own '+N months' overflows (31 January + 1 month = 3 March); clamp to the last day of the target month.
    public override string AddMonths(string date, string months) =>
        $"min(date({date}, 'start of month', '+' || ({months}) || ' months', '+' || (CAST(strftime('%d', {date}) AS INTEGER) - 1) || ' days'), " +
        $"date({date}, 'start of month', '+' || (({months}) + 1) || ' months', '-1 day'))";

    public override string Date(DateOnly day) => $"'{day:yyyy-MM-dd}'";

    public override string Timestamp(DateOnly day) => $"'{day:yyyy-MM-dd} 00:00:00'";

    public override string Timestamp(DateTime at) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'{at:yyyy-MM-dd HH:mm:ss}'");

    public override string Year(string date) => $"CAST(strftime('%Y', {date}) AS INTEGER)";

    public override string MonthStart(string date) => $"date({date}, 'start of month')";

    public override string MoneyToKroner(string sum) => $"({sum}) / 100.0";

    public override string Quantity(string sum) => $"round({sum}, 10)";

    public override string Materialized => "MATERIALIZED ";

    public override string IntType => "INTEGER";
    public override string TextType => "TEXT";
    public override string DateType => "TEXT";
    public override string NumberType => "NUMERIC";
}

internal sealed class SqlServerKpiDialect : KpiSqlDialect
{
    public override string T(string name) => "#" + name;

    public override string CreateTemp(string name, string columns) => $"CREATE TABLE #{name} ({columns})";

    public override string DropTemp(string name) => $"DROP TABLE IF EXISTS #{name}";

    public override string DateOf(string timestamp) => $"CAST({timestamp} AS date)";

    public override string AddHours(string timestamp, int hours) => $"DATEADD(hour, {hours}, {timestamp})";

    public override string AddMonths(string date, string months) => $"DATEADD(month, {months}, {date})";

    public override string Date(DateOnly day) => $"CAST('{day:yyyy-MM-dd}' AS date)";

    public override string Timestamp(DateOnly day) => $"CAST('{day:yyyy-MM-dd}T00:00:00' AS datetime2)";

    public override string Timestamp(DateTime at) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CAST('{at:yyyy-MM-ddTHH:mm:ss}' AS datetime2)");

    public override string Year(string date) => $"YEAR({date})";

    public override string MonthStart(string date) => $"DATEFROMPARTS(YEAR({date}), MONTH({date}), 1)";

    public override string MoneyToKroner(string sum) => sum;

    public override string Quantity(string sum) => $"CAST({sum} AS decimal(28,10))";

    public override string Materialized => "";

    public override string IntType => "int";
    // Temporary tables take tempdb's collation unless told; joins with the database's columns need the same one.
    public override string TextType => "nvarchar(64) COLLATE DATABASE_DEFAULT";
    public override string DateType => "date";
    public override string NumberType => "decimal(28,6)";
}
