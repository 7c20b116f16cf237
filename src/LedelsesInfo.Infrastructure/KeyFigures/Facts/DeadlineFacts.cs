using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence.Sql;
using static LedelsesInfo.Infrastructure.KeyFigures.Facts.FactTables;

namespace LedelsesInfo.Infrastructure.KeyFigures.Facts;

/// <summary>
/// B1, P1, F1 and T1 from the snapshot's statutory deadlines (<see cref="DeadlineChains"/>): at the case's team, by the
/// day due; met when done on or before the deadline. Each figure counts the deadline kind the catalogue gives it.
/// </summary>
internal sealed class DeadlineFacts : IKpiFacts
{
    public IReadOnlyList<Kpi> Figures { get; } = [KpiCatalogue.B1, KpiCatalogue.P1, KpiCatalogue.F1, KpiCatalogue.T1];

    public async Task WriteAsync(FactTables t)
    {
        var dl = t.D.From<DeadlineInstance>("dl");
        var kind = dl[x => x.Kind];
        var due = dl[x => x.Due];
        var figure = "CASE " + kind + string.Concat(Figures.Select(k => $" WHEN {SqlDialect.Literal(k.CountsDeadline!.Value)} THEN {Code(k)}")) + " END";
        await t.Sql.ExecAsync($"""
            {t.InsertFact}
            SELECT {figure}, {dl[x => x.TeamId]}, {due}, SUM(CASE WHEN {dl[x => x.DoneOn]} <= {due} THEN 1 ELSE 0 END), COUNT(*)
            FROM {dl}
            WHERE {dl[x => x.AsOf]} = @asOf AND {due} >= @since AND {due} <= @asOf
              AND {kind} IN ({string.Join(", ", Figures.Select(k => SqlDialect.Literal(k.CountsDeadline!.Value)))})
            GROUP BY {kind}, {dl[x => x.TeamId]}, {due}
            """);
    }
}
