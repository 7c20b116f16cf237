using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence.Sql;
using static LedelsesInfo.Infrastructure.KeyFigures.Facts.FactTables;

namespace LedelsesInfo.Infrastructure.KeyFigures.Facts;

/// <summary>
/// A1, A2 and S1: stock on each period's last day, already per unit and period (A1 counts distinct children across a
/// unit's subtree, so it cannot be summed from the teams). Placements are read once into a small table with their team
/// and child.
/// </summary>
internal sealed class StockFacts : IKpiFacts
{
    public IReadOnlyList<Kpi> Figures { get; } = [KpiCatalogue.A1, KpiCatalogue.A2, KpiCatalogue.S1];

    public async Task WriteAsync(FactTables t)
    {
        var d = t.D;
        var placements = d.Temp("kpi_placements");
        var ac = d.From<Activity>("ac");
        var c = d.From<Case>("c");
        await t.Sql.ExecAsync(d.DropTemp("kpi_placements"));
        await t.Sql.ExecAsync(d.CreateTemp("kpi_placements",
            $"TeamId {d.TextType} NOT NULL, ChildId {d.TextType} NOT NULL, Kind {d.TextType} NOT NULL, StartOn {d.DateType} NOT NULL, EndOn {d.DateType} NULL"));
        await t.Sql.ExecAsync($"""
            INSERT INTO {placements} (TeamId, ChildId, Kind, StartOn, EndOn)
            SELECT {c[x => x.TeamId]}, {c[x => x.ChildId]}, {ac[x => x.Kind]}, {ac[x => x.StartOn]}, {ac[x => x.EndOn]} FROM {ac} JOIN {c} ON {c[x => x.Id]} = {ac[x => x.CaseId]}
            WHERE {ac[x => x.Kind]} IN ({Placements}) AND {ac[x => x.StartOn]} <= @asOf
            """);

        var activeOnLastDay = "pl.StartOn <= p.last_day AND (pl.EndOn IS NULL OR pl.EndOn >= p.last_day)";
        var foster = SqlDialect.Literals([Code<ActivityKind>.Of(ActivityKind.FosterFamily), Code<ActivityKind>.Of(ActivityKind.NetworkFosterFamily)]);
        await t.Sql.ExecAsync($"""
            {t.InsertDirect}
            SELECT {Code(KpiCatalogue.A2)}, u.ancestor, x.kind, x.period, SUM(x.foster), SUM(x.n)
            FROM (
                SELECT p.kind, p.period, pl.TeamId,
                       SUM(CASE WHEN pl.Kind IN ({foster}) THEN 1 ELSE 0 END) AS foster, COUNT(*) AS n
                FROM {t.Periods} p
                JOIN {placements} pl ON {activeOnLastDay}
                GROUP BY p.kind, p.period, pl.TeamId
            ) x
            JOIN {t.Units} u ON u.unit = x.TeamId
            GROUP BY u.ancestor, x.kind, x.period
            """);

        // A1: the denominator is the unit's 0-17-year-olds; the engine divides it by the catalogue's 1,000.
        var pop = d.From<Population>("pop");
        await t.Sql.ExecAsync($"""
            {t.InsertDirect}
            SELECT {Code(KpiCatalogue.A1)}, {pop[x => x.UnitId]}, p.kind, p.period, COALESCE(x.children, 0), {pop[x => x.Age0To17]}
            FROM {t.Periods} p
            JOIN {pop} ON {pop[x => x.Year]} = p.year
            LEFT JOIN (
                SELECT u.ancestor, y.kind, y.period, COUNT(DISTINCT y.ChildId) AS children
                FROM (
                    SELECT DISTINCT p.kind, p.period, pl.TeamId, pl.ChildId
                    FROM {t.Periods} p
                    JOIN {placements} pl ON {activeOnLastDay}
                ) y
                JOIN {t.Units} u ON u.unit = y.TeamId
                WHERE u.ancestor IN (SELECT {d.Column<Population>(nameof(Population.UnitId))} FROM {d.Table<Population>()})
                GROUP BY u.ancestor, y.kind, y.period
            ) x ON x.ancestor = {pop[x => x.UnitId]} AND x.kind = p.kind AND x.period = p.period
            """);

        // S1: open cases at the team over the caseworkers' FTE in the period's last month.
        var h = d.From<HrMonth>("h");
        var e = d.From<Employee>("e");
        await t.Sql.ExecAsync($"""
            {t.InsertDirect}
            SELECT {Code(KpiCatalogue.S1)}, u.ancestor, x.kind, x.period, SUM(x.n), 0
            FROM (
                SELECT p.kind, p.period, {c[x => x.TeamId]} AS TeamId, COUNT(*) AS n
                FROM {t.Periods} p
                JOIN {c} ON {c[x => x.OpenedOn]} <= p.last_day AND ({c[x => x.ClosedOn]} IS NULL OR {c[x => x.ClosedOn]} >= p.last_day)
                GROUP BY p.kind, p.period, {c[x => x.TeamId]}
            ) x
            JOIN {t.Units} u ON u.unit = x.TeamId
            GROUP BY u.ancestor, x.kind, x.period
            UNION ALL
            SELECT {Code(KpiCatalogue.S1)}, u.ancestor, p.kind, p.period, 0, SUM({h[x => x.Fte]})
            FROM {t.Periods} p
            JOIN {h} ON {h[x => x.Month]} = p.last_month
            JOIN {e} ON {e[x => x.Id]} = {h[x => x.EmployeeId]} AND {e[x => x.Role]} = {SqlDialect.Literal(EmployeeRole.Caseworker)}
            JOIN {t.Units} u ON u.unit = {e[x => x.UnitId]}
            GROUP BY u.ancestor, p.kind, p.period
            """);
        await t.Sql.ExecAsync(d.DropTemp("kpi_placements"));
    }
}
