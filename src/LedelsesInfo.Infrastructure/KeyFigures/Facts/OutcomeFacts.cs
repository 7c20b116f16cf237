using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence.Sql;
using static LedelsesInfo.Infrastructure.KeyFigures.Facts.FactTables;

namespace LedelsesInfo.Infrastructure.KeyFigures.Facts;

/// <summary>
/// E1-E3, the results for the children (docs/key-figures.md): goals reached at assessed follow-ups (at the case's team,
/// by the follow-up's day), placements that ended in a breakdown (at the case's team, by the end day), and
/// notifications about a child whose case was closed within the 365 days before (at the receiving unit, by the day received).
/// </summary>
internal sealed class OutcomeFacts : IKpiFacts
{
    /// <summary>E3: a case closed at most this many days before the notification's day (and before it) makes it a re-notification.</summary>
    public const int RenotificationDays = 365;

    public IReadOnlyList<Kpi> Figures { get; } = [KpiCatalogue.E1, KpiCatalogue.E2, KpiCatalogue.E3];

    public async Task WriteAsync(FactTables t)
    {
        var d = t.D;
        var e = d.From<ActivityEvent>("e");
        var a = d.From<Activity>("a");
        var c = d.From<Case>("c");
        var goal = e[x => x.GoalAttained];
        // E1: of the follow-ups whose goal was assessed, those where it was reached.
        await t.Sql.ExecAsync($"""
            {t.InsertFact}
            SELECT {Code(KpiCatalogue.E1)}, {c[x => x.TeamId]}, {e[x => x.OccurredOn]},
                   SUM(CASE WHEN {goal} = {SqlDialect.Literal(Code<GoalAttained>.Of(GoalAttained.Yes))} THEN 1 ELSE 0 END), COUNT(*)
            FROM {e} JOIN {a} ON {a[x => x.Id]} = {e[x => x.ActivityId]} JOIN {c} ON {c[x => x.Id]} = {a[x => x.CaseId]}
            WHERE {e[x => x.Kind]} = {SqlDialect.Literal(Code<ActivityEventKind>.Of(ActivityEventKind.FollowUp))} AND {goal} IS NOT NULL
              AND {e[x => x.OccurredOn]} >= @since AND {e[x => x.OccurredOn]} <= @asOf
            GROUP BY {c[x => x.TeamId]}, {e[x => x.OccurredOn]}
            """);
        // E2: of the placements that ended, those that broke down.
        var endOn = a[x => x.EndOn];
        await t.Sql.ExecAsync($"""
            {t.InsertFact}
            SELECT {Code(KpiCatalogue.E2)}, {c[x => x.TeamId]}, {endOn},
                   SUM(CASE WHEN {a[x => x.EndReason]} = {SqlDialect.Literal(Code<EndReason>.Of(EndReason.Breakdown))} THEN 1 ELSE 0 END), COUNT(*)
            FROM {a} JOIN {c} ON {c[x => x.Id]} = {a[x => x.CaseId]}
            WHERE {a[x => x.Kind]} IN ({Placements}) AND {endOn} >= @since AND {endOn} <= @asOf
            GROUP BY {c[x => x.TeamId]}, {endOn}
            """);
        // E3: notifications about a child with a case closed before the day received and no more than 365 days before it.
        var n = d.From<Notification>("n");
        var closed = d.From<Case>("cc");
        var received = d.DateOf(n[x => x.ReceivedAt]);
        await t.Sql.ExecAsync($"""
            {t.InsertFact}
            SELECT {Code(KpiCatalogue.E3)}, x.UnitId, x.day, SUM(x.again), COUNT(*) FROM (
                SELECT {n[x => x.UnitId]} AS UnitId, {received} AS day,
                       CASE WHEN EXISTS (SELECT 1 FROM {closed} WHERE {closed[x => x.ChildId]} = {n[x => x.ChildId]}
                           AND {closed[x => x.ClosedOn]} < {received} AND {closed[x => x.ClosedOn]} >= {d.AddDays(received, -RenotificationDays)}) THEN 1 ELSE 0 END AS again
                FROM {n}
                WHERE {n[x => x.ReceivedAt]} >= @from AND {n[x => x.ReceivedAt]} < @end
            ) x GROUP BY x.UnitId, x.day
            """);
    }
}
