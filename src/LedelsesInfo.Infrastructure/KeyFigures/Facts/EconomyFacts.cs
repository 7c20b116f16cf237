using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence.Sql;
using static LedelsesInfo.Infrastructure.KeyFigures.Facts.FactTables;

namespace LedelsesInfo.Infrastructure.KeyFigures.Facts;

/// <summary>O1 and O2 from payments and budget lines on main function 5.28, at the unit booked, by the day posted (the budget by its month).</summary>
internal sealed class EconomyFacts : IKpiFacts
{
    public IReadOnlyList<Kpi> Figures { get; } = [KpiCatalogue.O1, KpiCatalogue.O2];

    public async Task WriteAsync(FactTables t)
    {
        var functions = SqlDialect.Literals(Functions.All);
        var p = t.D.From<Payment>("p");
        var b = t.D.From<BudgetLine>("b");
        var payments = $"{p[x => x.PostedOn]} >= @since AND {p[x => x.PostedOn]} <= @asOf AND {p[x => x.Function]} IN ({functions})";
        await t.Sql.ExecAsync($"""
            {t.InsertFact}
            SELECT {Code(KpiCatalogue.O1)}, {p[x => x.UnitId]}, {p[x => x.PostedOn]}, SUM({p[x => x.Amount]}), 0 FROM {p}
            WHERE {payments} GROUP BY {p[x => x.UnitId]}, {p[x => x.PostedOn]}
            UNION ALL
            SELECT {Code(KpiCatalogue.O1)}, {b[x => x.UnitId]}, {b[x => x.Month]}, 0, SUM({b[x => x.Amount]}) FROM {b}
            WHERE {b[x => x.Month]} >= @since AND {b[x => x.Month]} <= @asOf AND {b[x => x.Function]} IN ({functions}) GROUP BY {b[x => x.UnitId]}, {b[x => x.Month]}
            UNION ALL
            SELECT {Code(KpiCatalogue.O2)}, {p[x => x.UnitId]}, {p[x => x.PostedOn]},
                   SUM(CASE WHEN {p[x => x.Function]} = {SqlDialect.Literal(Functions.Preventive)} THEN {p[x => x.Amount]} ELSE 0 END), SUM({p[x => x.Amount]}) FROM {p}
            WHERE {payments} GROUP BY {p[x => x.UnitId]}, {p[x => x.PostedOn]}
            """);
    }
}
