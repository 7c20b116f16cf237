using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence.Sql;

namespace LedelsesInfo.Infrastructure.KeyFigures.Facts;

/// <summary>
/// One family of key figures (notifications, deadlines, economy, HR, stock) as the engine computes them: the SQL that
/// writes the family's facts for a dialect. Every figure of <see cref="KpiCatalogue"/> has exactly one module here
/// (a test holds this), so adding a figure is one catalogue entry and one fact.
/// </summary>
internal interface IKpiFacts
{
    /// <summary>The figures this module computes.</summary>
    IReadOnlyList<Kpi> Figures { get; }

    /// <summary>Writes the module's facts into <see cref="FactTables.Facts"/> (per unit and day) or <see cref="FactTables.Direct"/> (per unit and period).</summary>
    Task WriteAsync(FactTables tables);
}

/// <summary>Every fact module, in the order the engine runs them.</summary>
internal static class KpiFacts
{
    public static readonly IReadOnlyList<IKpiFacts> All =
        [new NotificationFacts(), new DeadlineFacts(), new EconomyFacts(), new HrFacts(), new StockFacts(), new OutcomeFacts()];
}

/// <summary>
/// What a fact module writes with, during one recompute: the batch (with @asOf, @since, @from and @end set: the
/// as-of day, the first day recomputed, and the same two as timestamps, @end the end of the as-of day), the dialect,
/// and the helper tables the orchestration built.
/// </summary>
internal sealed class FactTables(SqlBatch sql, SqlDialect dialect)
{
    public SqlBatch Sql => sql;
    public SqlDialect D => dialect;

    /// <summary>(kpi, unit, day, num, den): facts at the unit where they happen, summed by the engine into periods and units above.</summary>
    public string Facts => dialect.Temp("kpi_facts");

    /// <summary>(kpi, unit, kind, period, num, den): stock figures already per unit and period.</summary>
    public string Direct => dialect.Temp("kpi_direct");

    /// <summary>(ancestor, unit): each unit with itself and every unit above it.</summary>
    public string Units => dialect.Temp("kpi_units");

    /// <summary>(day, working_index, is_working): Danish working days, numbered.</summary>
    public string Calendar => dialect.Temp("kpi_calendar");

    /// <summary>(kind, period, last_day, last_month, year): the periods recomputed and the last day each covers.</summary>
    public string Periods => dialect.Temp("kpi_periods");

    public string InsertFact => $"INSERT INTO {Facts} (kpi, unit, day, num, den)";

    public string InsertDirect => $"INSERT INTO {Direct} (kpi, unit, kind, period, num, den)";

    /// <summary>A figure's code in a statement.</summary>
    public static string Code(Kpi kpi) => SqlDialect.Literal(kpi.Code);

    /// <summary>Figures' codes for <c>IN (…)</c>.</summary>
    public static string InList(IEnumerable<Kpi> kpis) => SqlDialect.Literals(kpis.Select(k => k.Code));

    /// <summary>The placement kinds of activity, for <c>IN (…)</c>.</summary>
    public static string Placements => SqlDialect.Literals(Enum.GetValues<ActivityKind>().Where(ActivityKinds.IsPlacement).Select(k => Code<ActivityKind>.Of(k)));
}
