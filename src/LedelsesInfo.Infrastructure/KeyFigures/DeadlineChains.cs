using System.Globalization;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence.Sql;

namespace LedelsesInfo.Infrastructure.KeyFigures;

/// <summary>
/// The snapshot's statutory deadlines (<see cref="DeadlineInstance"/>): every BFU, child's plan, follow-up and
/// supervisory-visit deadline known as of the date, with the event that answered it. The same rules as the Domain's
/// <see cref="Deadlines"/> in SQL; KpiEngineTests hold the two together. B1, P1, F1 and T1 count these rows, and the
/// team leader's and caseworker's lists show them.
/// </summary>
internal static class DeadlineChains
{
    public static async Task<int> WriteAsync(SqlBatch sql, SqlDialect d)
    {
        await sql.ExecAsync($"DELETE FROM {d.Table<DeadlineInstance>()} WHERE {d.Column<DeadlineInstance>(nameof(DeadlineInstance.AsOf))} = @asOf");
        var insert = d.InsertInto<DeadlineInstance>(nameof(DeadlineInstance.AsOf), nameof(DeadlineInstance.Kind), nameof(DeadlineInstance.SourceId), nameof(DeadlineInstance.K),
            nameof(DeadlineInstance.CaseId), nameof(DeadlineInstance.TeamId), nameof(DeadlineInstance.CaseworkerId), nameof(DeadlineInstance.Due), nameof(DeadlineInstance.DoneOn));
        var e = d.From<Examination>("e");
        var c = d.From<Case>("c");
        var ac = d.From<Activity>("ac");
        var ev = d.From<ActivityEvent>("ev");
        var placements = $"{ac[x => x.Kind]} IN ({Facts.FactTables.Placements})";
        var total = 0;

        // § 20, stk. 3: the examination within 4 months of awareness.
        total += await sql.ExecAsync($"""
            {insert}
            SELECT @asOf, {SqlDialect.Literal(DeadlineKind.Examination)}, {e[x => x.Id]}, 1, {c[x => x.Id]}, {c[x => x.TeamId]}, {c[x => x.CaseworkerId]}, {d.AddMonths(e[x => x.AwareOn], "4")},
                   CASE WHEN {e[x => x.CompletedOn]} <= @asOf THEN {e[x => x.CompletedOn]} END
            FROM {e} JOIN {c} ON {c[x => x.Id]} = {e[x => x.CaseId]}
            WHERE {e[x => x.Kind]} = {SqlDialect.Literal(ExaminationKind.Bfu)} AND {e[x => x.AwareOn]} <= @asOf
            """);

        // § 91: the child's plan within 3 months of the decision to place.
        total += await sql.ExecAsync($"""
            {insert}
            SELECT @asOf, {SqlDialect.Literal(DeadlineKind.ChildPlan)}, {ac[x => x.Id]}, 1, {c[x => x.Id]}, {c[x => x.TeamId]}, {c[x => x.CaseworkerId]}, {d.AddMonths(ac[x => x.DecidedOn], "3")},
                   (SELECT MIN({ev[x => x.OccurredOn]}) FROM {ev} WHERE {ev[x => x.ActivityId]} = {ac[x => x.Id]} AND {ev[x => x.Kind]} = {SqlDialect.Literal(ActivityEventKind.Plan)} AND {ev[x => x.OccurredOn]} <= @asOf)
            FROM {ac} JOIN {c} ON {c[x => x.Id]} = {ac[x => x.CaseId]}
            WHERE {placements} AND {ac[x => x.DecidedOn]} <= @asOf
            """);

        // Follow-ups (§ 95): d1 = start + 3 months, d(k+1) = f_k + the cadence set at f_k, while every cadence so far is set.
        total += await sql.ExecAsync(Chain(d, insert, DeadlineKind.FollowUp, ActivityEventKind.FollowUp, firstMonths: 3,
            nextMonths: d.From<ActivityEvent>("e")[x => x.NextFollowUpMonths], onlyPlacements: false));
        // Supervisory visits (§ 156, stk. 5): placements only, first after 6 months, then 6 months after each visit.
        total += await sql.ExecAsync(Chain(d, insert, DeadlineKind.SupervisoryVisit, ActivityEventKind.SupervisoryVisit, firstMonths: 6, nextMonths: "6", onlyPlacements: true));
        return total;
    }

    /// <summary>
    /// A chain of deadlines per activity: f_k is the k-th event after the activity's start (known by as-of); d1 = start +
    /// <paramref name="firstMonths"/>, d(k+1) = f_k + <paramref name="nextMonths"/> for as long as no event so far lacked it.
    /// Deadlines after the activity's end are dropped.
    /// </summary>
    private static string Chain(SqlDialect d, string insert, DeadlineKind kind, ActivityEventKind eventKind, int firstMonths, string nextMonths, bool onlyPlacements)
    {
        var e = d.From<ActivityEvent>("e");
        var ac = d.From<Activity>("ac");
        var c = d.From<Case>("c");
        var placements = onlyPlacements ? $" AND {ac[x => x.Kind]} IN ({Facts.FactTables.Placements})" : "";
        return $"""
            WITH ev AS {d.Materialized}(
                SELECT {e[x => x.ActivityId]} AS ActivityId, {e[x => x.OccurredOn]} AS f, {nextMonths} AS next_months,
                       ROW_NUMBER() OVER (PARTITION BY {e[x => x.ActivityId]} ORDER BY {e[x => x.OccurredOn]}) AS k
                FROM {e} JOIN {ac} ON {ac[x => x.Id]} = {e[x => x.ActivityId]}
                WHERE {e[x => x.Kind]} = {SqlDialect.Literal(eventKind)} AND {e[x => x.OccurredOn]} > {ac[x => x.StartOn]} AND {e[x => x.OccurredOn]} <= @asOf{placements}
            ),
            chain AS (
                SELECT ActivityId, f, next_months, k,
                       SUM(CASE WHEN next_months IS NULL THEN 1 ELSE 0 END) OVER (PARTITION BY ActivityId ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS missing
                FROM ev
            ),
            dl AS (
                SELECT {ac[x => x.Id]} AS ActivityId, 1 AS k, {d.AddMonths(ac[x => x.StartOn], firstMonths.ToString(CultureInfo.InvariantCulture))} AS due
                FROM {ac} WHERE {ac[x => x.StartOn]} <= @asOf{placements}
                UNION ALL
                SELECT ActivityId, k + 1, {d.AddMonths("f", "next_months")} FROM chain WHERE missing = 0
            )
            {insert}
            SELECT @asOf, {SqlDialect.Literal(kind)}, dl.ActivityId, dl.k, {c[x => x.Id]}, {c[x => x.TeamId]}, {c[x => x.CaseworkerId]}, dl.due, ev.f
            FROM dl
            JOIN {ac} ON {ac[x => x.Id]} = dl.ActivityId
            JOIN {c} ON {c[x => x.Id]} = {ac[x => x.CaseId]}
            LEFT JOIN ev ON ev.ActivityId = dl.ActivityId AND ev.k = dl.k
            WHERE {ac[x => x.EndOn]} IS NULL OR dl.due <= {ac[x => x.EndOn]}
            """;
    }
}
