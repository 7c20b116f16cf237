using System.Data.Common;
using System.Diagnostics;
using System.Text;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LedelsesInfo.Infrastructure.Kpis;

/// <param name="RecomputedFrom">Null when every period was computed; else the day from which periods were recomputed, the earlier ones carried from the previous snapshot.</param>
public sealed record RecomputeResult(DateOnly AsOf, DateOnly HistoryStart, int Values, int Deadlines, TimeSpan Elapsed, IReadOnlyList<(string Step, TimeSpan Elapsed)> Steps,
    DateOnly? RecomputedFrom = null);

/// <summary>
/// An incremental recompute: periods ending on or after <paramref name="From"/> are computed, earlier ones copied from the
/// snapshot of <paramref name="PreviousAsOf"/>, which holds <paramref name="PreviousValues"/> values.
/// </summary>
internal sealed record Increment(DateOnly PreviousAsOf, int PreviousValues, DateOnly From);

/// <summary>
/// Computes every key figure of shared/kpis.md for every org unit and every week, month, quarter and year, as of a
/// date, in the database: set-based SQL over the imported tables, a calendar and unit-closure table built from the
/// Domain's rules, window functions for the follow-up chains. The result is a snapshot (kpi_values, deadlines) keyed
/// by the as-of date; a recompute for the same date replaces it in one transaction.
/// After an import, only the periods the new or changed rows can reach are recomputed (<see cref="PlanAsync"/>); the
/// deadline chains are always recomputed whole, since a chain's deadlines follow from its whole history.
/// </summary>
public sealed class KpiEngine(LedelsesInfoDbContext db)
{
    private static readonly string Placements = "'plejefamilie', 'netvaerksplejefamilie', 'opholdssted', 'doegninstitution', 'sikret'";
    private static readonly string Functions528 = string.Join(", ", Functions.All.Select(f => $"'{f}'"));
    private static readonly string[] TempTables = ["kpi_units", "kpi_calendar", "kpi_day_periods", "kpi_periods", "kpi_facts", "kpi_direct", "kpi_placements"];

    /// <summary>The date the data describe: the latest notification, activity event or payment.</summary>
    public async Task<DateOnly?> DataAsOfAsync(CancellationToken ct = default)
    {
        var lastPayment = await db.Payments.MaxAsync(p => (DateOnly?)p.PostedOn, ct);
        var lastEvent = await db.ActivityEvents.MaxAsync(e => (DateOnly?)e.OccurredOn, ct);
        var lastNotification = await db.Notifications.MaxAsync(n => (DateTime?)n.ReceivedAt, ct);
        DateOnly?[] candidates = [lastPayment, lastEvent, lastNotification is { } n ? DateOnly.FromDateTime(n) : null];
        return candidates.Max();
    }

    /// <summary>
    /// The first day of the source systems' history (first notification, payment or HR month): periods before it
    /// would be computed from partial data, so none are.
    /// </summary>
    private async Task<DateOnly?> HistoryStartAsync(CancellationToken ct)
    {
        var firstPayment = await db.Payments.MinAsync(p => (DateOnly?)p.PostedOn, ct);
        var firstHr = await db.HrMonths.MinAsync(h => (DateOnly?)h.Month, ct);
        var firstNotification = await db.Notifications.MinAsync(n => (DateTime?)n.ReceivedAt, ct);
        DateOnly?[] candidates = [firstPayment, firstHr, firstNotification is { } n ? DateOnly.FromDateTime(n) : null];
        return candidates.Where(c => c is not null).Min();
    }

    /// <summary>
    /// Days before the earliest change that are recomputed all the same. A period's figures can depend on days after it:
    /// the 24-hour and 6-working-day deadlines of notifications received at its end (up to about 12 calendar days over
    /// Christmas and Easter). A month covers them with room to spare.
    /// </summary>
    public const int MarginDays = 31;

    /// <summary>
    /// Which periods must be recomputed: those ending on or after the earliest day any import since the previous snapshot
    /// changed (<see cref="ImportBatch.ChangedFrom"/>), or the day after the previous as-of date if that comes first, less
    /// <see cref="MarginDays"/>. Every period before that has the same data and the same deadlines passed in both
    /// snapshots, so its figures are carried over. Null (recompute all) when there is no previous snapshot, it does not
    /// say which imports it includes, the history starts elsewhere, or an import changed something every period depends
    /// on (the organisation, the population, a case's team or caseworker).
    /// </summary>
    internal async Task<Increment?> PlanAsync(DateOnly asOf, DateOnly history, CancellationToken ct)
    {
        var previous = await db.KpiSnapshots.AsNoTracking().Where(s => s.AsOf <= asOf).OrderByDescending(s => s.AsOf).FirstOrDefaultAsync(ct);
        if (previous is not { LastImportBatchId: { } seen } || previous.HistoryStart != history)
        {
            return null;
        }
        var changes = await db.ImportBatches.AsNoTracking().Where(b => b.Id > seen && b.ChangedFrom != null).Select(b => b.ChangedFrom!.Value).ToListAsync(ct);
        var changedFrom = changes.Count == 0 ? DateOnly.MaxValue : changes.Min();
        if (changedFrom == DateOnly.MinValue)
        {
            return null;
        }
        var next = previous.AsOf.AddDays(1);
        var from = (changedFrom < next ? changedFrom : next).AddDays(-MarginDays);
        return from <= history ? null : new Increment(previous.AsOf, previous.ValueCount, from);
    }

    public async Task<RecomputeResult?> RecomputeAsync(DateOnly? asOf = null, bool full = false, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var day = asOf ?? await DataAsOfAsync(ct);
        if (day is not { } a)
        {
            return null;
        }
        var history = await HistoryStartAsync(ct) ?? a.AddYears(-1);
        if (history > a)
        {
            history = a;
        }
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(ct);
        var d = db.Database.IsSqlite() ? (KpiSqlDialect)new SqliteKpiDialect() : new SqlServerKpiDialect();
        var lastBatch = await db.ImportBatches.MaxAsync(b => (long?)b.Id, ct);
        var increment = full ? null : await PlanAsync(a, history, ct);
        // Facts are read from the first day of the first period recomputed.
        var since = increment is null ? history : Periods.All.Select(k => Periods.Of(k, increment.From).Start).Append(a).Min();
        if (since < history)
        {
            since = history;
        }

        var values = 0;
        var deadlines = 0;
        var steps = new List<(string, TimeSpan)>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var sql = new Sql(db.Database.GetDbConnection(), transaction.GetDbTransaction(), steps, ct);
                await CreateHelpersAsync(sql, d, a, history, units.Select(u => (u.Id, u.ParentId)).ToList(), increment?.From, since);
                deadlines = await WriteDeadlinesAsync(sql, d, a);
                await WriteFactsAsync(sql, d, a, since);
                values = await WriteValuesAsync(sql, d, a, increment);
                foreach (var table in TempTables)
                {
                    await sql.ExecAsync(d.DropTemp(table));
                }
                await sql.ExecAsync($"DELETE FROM kpi_snapshots WHERE AsOf = {d.Date(a)}");
                var batch = lastBatch is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "NULL";
                await sql.ExecAsync("INSERT INTO kpi_snapshots (AsOf, ComputedAt, HistoryStart, LastImportBatchId, RecomputedFrom, ValueCount, DeadlineCount) " +
                    $"VALUES ({d.Date(a)}, {d.Timestamp(DateTime.UtcNow)}, {d.Date(history)}, {batch}, {(increment is null ? "NULL" : d.Date(increment.From))}, {values}, {deadlines})");
                await sql.ExecAsync(LedelsesInfoDbContext.BumpDataVersionSql);
                await transaction.CommitAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        return new RecomputeResult(a, history, values, deadlines, Stopwatch.GetElapsedTime(started), steps, increment?.From);
    }

    /// <summary>
    /// The temporary helpers. With <paramref name="from"/> only the periods ending on or after it are listed (the rest are
    /// carried over), and every day from <paramref name="since"/> (the first of those periods' days) is mapped to them.
    /// </summary>
    private static async Task CreateHelpersAsync(Sql sql, KpiSqlDialect d, DateOnly asOf, DateOnly history, List<(string Id, string? ParentId)> units, DateOnly? from, DateOnly since)
    {
        foreach (var table in TempTables)
        {
            await sql.ExecAsync(d.DropTemp(table));
        }
        // Each unit with itself and every ancestor: facts at a team sum into every unit above it.
        await sql.ExecAsync(d.CreateTemp("kpi_units", $"ancestor {d.TextType} NOT NULL, unit {d.TextType} NOT NULL"));
        var parents = units.ToDictionary(u => u.Id, u => u.ParentId);
        var closure = new List<string>();
        foreach (var (id, _) in units)
        {
            var seen = new HashSet<string>();
            for (string? ancestor = id; ancestor is not null && seen.Add(ancestor); ancestor = parents.GetValueOrDefault(ancestor))
            {
                closure.Add($"('{Esc(ancestor)}', '{Esc(id)}')");
            }
        }
        await sql.InsertRowsAsync($"INSERT INTO {d.T("kpi_units")} (ancestor, unit) VALUES ", closure);
        await sql.ExecAsync($"CREATE INDEX {(d is SqliteKpiDialect ? "temp." : "")}ix_kpi_units ON {d.T("kpi_units")} (unit, ancestor)");

        // Danish working days, numbered, so "the 6th working day after" is a join.
        await sql.ExecAsync(d.CreateTemp("kpi_calendar", $"day {d.DateType} NOT NULL PRIMARY KEY, working_index {d.IntType} NOT NULL, is_working {d.IntType} NOT NULL"));
        var calendar = new List<string>();
        var index = 0;
        for (var day = history.AddDays(-10); day <= asOf.AddDays(40); day = day.AddDays(1))
        {
            var working = DanishCalendar.IsWorkingDay(day);
            index += working ? 1 : 0;
            calendar.Add($"({d.Date(day)}, {index}, {(working ? 1 : 0)})");
        }
        await sql.InsertRowsAsync($"INSERT INTO {d.T("kpi_calendar")} (day, working_index, is_working) VALUES ", calendar);

        // Every day of the history with its week, month, quarter and year.
        await sql.ExecAsync(d.CreateTemp("kpi_day_periods", $"day {d.DateType} NOT NULL, kind {d.TextType} NOT NULL, period {d.TextType} NOT NULL"));
        var dayPeriods = new List<string>();
        for (var day = since; day <= asOf; day = day.AddDays(1))
        {
            foreach (var kind in Periods.All)
            {
                var period = Periods.Of(kind, day);
                if (from is null || period.End >= from)
                {
                    dayPeriods.Add($"({d.Date(day)}, '{Code<PeriodKind>.Of(kind)}', '{period.Key}')");
                }
            }
        }
        await sql.InsertRowsAsync($"INSERT INTO {d.T("kpi_day_periods")} (day, kind, period) VALUES ", dayPeriods);
        await sql.ExecAsync($"CREATE INDEX {(d is SqliteKpiDialect ? "temp." : "")}ix_kpi_day_periods ON {d.T("kpi_day_periods")} (day)");

        // Every period from the history's start to as-of, with the last day it covers.
        await sql.ExecAsync(d.CreateTemp("kpi_periods",
            $"kind {d.TextType} NOT NULL, period {d.TextType} NOT NULL, last_day {d.DateType} NOT NULL, last_month {d.DateType} NOT NULL, year {d.IntType} NOT NULL"));
        var periods = new List<string>();
        foreach (var kind in Periods.All)
        {
            foreach (var period in Periods.Between(kind, history, asOf).Where(p => from is null || p.End >= from))
            {
                var last = period.LastDay(asOf);
                periods.Add($"('{Code<PeriodKind>.Of(kind)}', '{period.Key}', {d.Date(last)}, {d.Date(new DateOnly(last.Year, last.Month, 1))}, {last.Year})");
            }
        }
        await sql.InsertRowsAsync($"INSERT INTO {d.T("kpi_periods")} (kind, period, last_day, last_month, year) VALUES ", periods);

        await sql.ExecAsync(d.CreateTemp("kpi_facts", $"kpi {d.TextType} NOT NULL, unit {d.TextType} NOT NULL, day {d.DateType} NOT NULL, num {d.NumberType} NOT NULL, den {d.NumberType} NULL"));
        await sql.ExecAsync(d.CreateTemp("kpi_direct", $"kpi {d.TextType} NOT NULL, unit {d.TextType} NOT NULL, kind {d.TextType} NOT NULL, period {d.TextType} NOT NULL, num {d.NumberType} NOT NULL, den {d.NumberType} NULL"));
    }

    /// <summary>Every BFU, child's plan, follow-up and supervision deadline known as of the date, with the event that answered it.</summary>
    private static async Task<int> WriteDeadlinesAsync(Sql sql, KpiSqlDialect d, DateOnly asOf)
    {
        var a = d.Date(asOf);
        await sql.ExecAsync($"DELETE FROM deadlines WHERE AsOf = {a}");
        const string Columns = "INSERT INTO deadlines (AsOf, Kind, SourceId, K, CaseId, TeamId, CaseworkerId, Due, DoneOn)";
        var total = 0;

        total += await sql.ExecAsync($"""
            {Columns}
            SELECT {a}, 'bfu', e.Id, 1, c.Id, c.TeamId, c.CaseworkerId, {d.AddMonths("e.AwareOn", "4")},
                   CASE WHEN e.CompletedOn <= {a} THEN e.CompletedOn END
            FROM examinations e JOIN cases c ON c.Id = e.CaseId
            WHERE e.Kind = 'bfu' AND e.AwareOn <= {a}
            """);

        total += await sql.ExecAsync($"""
            {Columns}
            SELECT {a}, 'barnets_plan', ac.Id, 1, c.Id, c.TeamId, c.CaseworkerId, {d.AddMonths("ac.DecidedOn", "3")},
                   (SELECT MIN(ev.OccurredOn) FROM activity_events ev WHERE ev.ActivityId = ac.Id AND ev.Kind = 'plan' AND ev.OccurredOn <= {a})
            FROM activities ac JOIN cases c ON c.Id = ac.CaseId
            WHERE ac.Kind IN ({Placements}) AND ac.DecidedOn <= {a}
            """);

        // Follow-ups (§ 95): d1 = start + 3 months, d(k+1) = f_k + the cadence set at f_k, while every cadence so far is set.
        total += await sql.ExecAsync(Chain(d, a, Columns, "opfoelgning", "opfoelgning", firstMonths: 3, nextMonths: "e.NextFollowUpMonths", onlyPlacements: false));
        // Supervisory visits (§ 156, stk. 5): placements only, first after 6 months, then 6 months after each visit.
        total += await sql.ExecAsync(Chain(d, a, Columns, "tilsyn", "tilsynsbesoeg", firstMonths: 6, nextMonths: "6", onlyPlacements: true));
        return total;
    }

    /// <summary>
    /// A chain of deadlines per activity: f_k is the k-th event after the activity's start (known by as-of); d1 = start +
    /// <paramref name="firstMonths"/>, d(k+1) = f_k + <paramref name="nextMonths"/> for as long as no event so far lacked it.
    /// Deadlines after the activity's end are dropped.
    /// </summary>
    private static string Chain(KpiSqlDialect d, string a, string columns, string deadlineKind, string eventKind, int firstMonths, string nextMonths, bool onlyPlacements)
    {
        var placements = onlyPlacements ? $" AND ac.Kind IN ({Placements})" : "";
        return $"""
            WITH ev AS {d.Materialized}(
                SELECT e.ActivityId, e.OccurredOn AS f, {nextMonths} AS next_months,
                       ROW_NUMBER() OVER (PARTITION BY e.ActivityId ORDER BY e.OccurredOn) AS k
                FROM activity_events e JOIN activities ac ON ac.Id = e.ActivityId
                WHERE e.Kind = '{eventKind}' AND e.OccurredOn > ac.StartOn AND e.OccurredOn <= {a}{placements}
            ),
            chain AS (
                SELECT ActivityId, f, next_months, k,
                       SUM(CASE WHEN next_months IS NULL THEN 1 ELSE 0 END) OVER (PARTITION BY ActivityId ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS missing
                FROM ev
            ),
            dl AS (
                SELECT ac.Id AS ActivityId, 1 AS k, {d.AddMonths("ac.StartOn", firstMonths.ToString(System.Globalization.CultureInfo.InvariantCulture))} AS due
                FROM activities ac WHERE ac.StartOn <= {a}{placements}
                UNION ALL
                SELECT ActivityId, k + 1, {d.AddMonths("f", "next_months")} FROM chain WHERE missing = 0
            )
            {columns}
            SELECT {a}, '{deadlineKind}', dl.ActivityId, dl.k, c.Id, c.TeamId, c.CaseworkerId, dl.due, ev.f
            FROM dl
            JOIN activities ac ON ac.Id = dl.ActivityId
            JOIN cases c ON c.Id = ac.CaseId
            LEFT JOIN ev ON ev.ActivityId = dl.ActivityId AND ev.k = dl.k
            WHERE ac.EndOn IS NULL OR dl.due <= ac.EndOn
            """;
    }

    /// <summary>Facts at the unit where they happen, per day from <paramref name="since"/>; pre-aggregated so the big tables are read once.</summary>
    private static async Task WriteFactsAsync(Sql sql, KpiSqlDialect d, DateOnly asOf, DateOnly since)
    {
        var a = d.Date(asOf);
        var s = d.Date(since);
        var from = d.Timestamp(since);
        var end = d.Timestamp(asOf.AddDays(1)); // as of a date means the end of that day
        var facts = $"INSERT INTO {d.T("kpi_facts")} (kpi, unit, day, num, den)";
        var received = d.DateOf("n.ReceivedAt");

        await sql.ExecAsync($"""
            {facts}
            SELECT 'U1', n.UnitId, {received}, COUNT(*), NULL FROM notifications n
            WHERE n.ReceivedAt >= {from} AND n.ReceivedAt < {end} GROUP BY n.UnitId, {received}
            """);
        await sql.ExecAsync($"""
            {facts}
            SELECT 'U2', x.UnitId, x.day, SUM(x.met), COUNT(*) FROM (
                SELECT n.UnitId, {received} AS day,
                       CASE WHEN n.AssessedAt < {end} AND n.AssessedAt <= {d.AddHours("n.ReceivedAt", 24)} THEN 1 ELSE 0 END AS met
                FROM notifications n
                WHERE n.ReceivedAt >= {from} AND n.ReceivedAt < {end} AND ({d.AddHours("n.ReceivedAt", 24)} < {end} OR n.AssessedAt < {end})
            ) x GROUP BY x.UnitId, x.day
            """);
        await sql.ExecAsync($"""
            {facts}
            SELECT 'U3', x.UnitId, x.day, SUM(x.met), COUNT(*) FROM (
                SELECT n.UnitId, {received} AS day,
                       CASE WHEN n.ReceiptSentOn <= {a} AND n.ReceiptSentOn <= c6.day THEN 1 ELSE 0 END AS met
                FROM notifications n
                JOIN {d.T("kpi_calendar")} c0 ON c0.day = {received}
                JOIN {d.T("kpi_calendar")} c6 ON c6.working_index = c0.working_index + 6 AND c6.is_working = 1
                WHERE n.Professional = 1 AND n.ReceivedAt >= {from} AND n.ReceivedAt < {end} AND (c6.day <= {a} OR n.ReceiptSentOn <= {a})
            ) x GROUP BY x.UnitId, x.day
            """);
        await sql.ExecAsync($"""
            {facts}
            SELECT CASE dl.Kind WHEN 'bfu' THEN 'B1' WHEN 'barnets_plan' THEN 'P1' WHEN 'opfoelgning' THEN 'F1' ELSE 'T1' END,
                   dl.TeamId, dl.Due, SUM(CASE WHEN dl.DoneOn <= dl.Due THEN 1 ELSE 0 END), COUNT(*)
            FROM deadlines dl
            WHERE dl.AsOf = {a} AND dl.Due >= {s} AND dl.Due <= {a}
            GROUP BY dl.Kind, dl.TeamId, dl.Due
            """);
        await sql.ExecAsync($"""
            {facts}
            SELECT 'O1', p.UnitId, p.PostedOn, SUM(p.Amount), 0 FROM payments p
            WHERE p.PostedOn >= {s} AND p.PostedOn <= {a} AND p.Function IN ({Functions528}) GROUP BY p.UnitId, p.PostedOn
            UNION ALL
            SELECT 'O1', b.UnitId, b.Month, 0, SUM(b.Amount) FROM budget_lines b
            WHERE b.Month >= {s} AND b.Month <= {a} AND b.Function IN ({Functions528}) GROUP BY b.UnitId, b.Month
            UNION ALL
            SELECT 'O2', p.UnitId, p.PostedOn, SUM(CASE WHEN p.Function = '{Functions.Preventive}' THEN p.Amount ELSE 0 END), SUM(p.Amount) FROM payments p
            WHERE p.PostedOn >= {s} AND p.PostedOn <= {a} AND p.Function IN ({Functions528}) GROUP BY p.UnitId, p.PostedOn
            """);
        await sql.ExecAsync($"""
            {facts}
            SELECT 'H1', e.UnitId, h.Month, SUM(h.SickDays), SUM(h.Fte) FROM hr_months h JOIN employees e ON e.Id = h.EmployeeId
            WHERE h.Month >= {s} AND h.Month <= {a} GROUP BY e.UnitId, h.Month
            UNION ALL
            SELECT 'H2', e.UnitId, h.Month, SUM(h.OvertimeHours), SUM(h.Fte) FROM hr_months h JOIN employees e ON e.Id = h.EmployeeId
            WHERE h.Month >= {s} AND h.Month <= {a} GROUP BY e.UnitId, h.Month
            UNION ALL
            SELECT 'X1', e.UnitId, h.Month, 0, SUM(h.HoursWorked) FROM hr_months h JOIN employees e ON e.Id = h.EmployeeId
            WHERE h.Month >= {s} AND h.Month <= {a} AND e.Role = 'sagsbehandler' GROUP BY e.UnitId, h.Month
            UNION ALL
            SELECT 'X1', c.TeamId, x.CompletedOn, COUNT(*), 0 FROM examinations x JOIN cases c ON c.Id = x.CaseId
            WHERE x.Kind = 'bfu' AND x.CompletedOn >= {s} AND x.CompletedOn <= {a} GROUP BY c.TeamId, x.CompletedOn
            UNION ALL
            SELECT 'X1', c.TeamId, ev.OccurredOn, COUNT(*), 0 FROM activity_events ev JOIN activities ac ON ac.Id = ev.ActivityId JOIN cases c ON c.Id = ac.CaseId
            WHERE ev.Kind = 'opfoelgning' AND ev.OccurredOn >= {s} AND ev.OccurredOn <= {a} GROUP BY c.TeamId, ev.OccurredOn
            """);

        // Stock figures on each period's last day, already per unit (A1 counts distinct children across a unit's subtree).
        // Placements are read once into a small table with their team and child.
        await sql.ExecAsync(d.CreateTemp("kpi_placements",
            $"TeamId {d.TextType} NOT NULL, ChildId {d.TextType} NOT NULL, Kind {d.TextType} NOT NULL, StartOn {d.DateType} NOT NULL, EndOn {d.DateType} NULL"));
        await sql.ExecAsync($"""
            INSERT INTO {d.T("kpi_placements")} (TeamId, ChildId, Kind, StartOn, EndOn)
            SELECT c.TeamId, c.ChildId, ac.Kind, ac.StartOn, ac.EndOn FROM activities ac JOIN cases c ON c.Id = ac.CaseId
            WHERE ac.Kind IN ({Placements}) AND ac.StartOn <= {a}
            """);
        var direct = $"INSERT INTO {d.T("kpi_direct")} (kpi, unit, kind, period, num, den)";
        var activeOnLastDay = "ac.StartOn <= p.last_day AND (ac.EndOn IS NULL OR ac.EndOn >= p.last_day)";
        await sql.ExecAsync($"""
            {direct}
            SELECT 'A2', u.ancestor, x.kind, x.period, SUM(x.foster), SUM(x.n)
            FROM (
                SELECT p.kind, p.period, ac.TeamId,
                       SUM(CASE WHEN ac.Kind IN ('plejefamilie', 'netvaerksplejefamilie') THEN 1 ELSE 0 END) AS foster, COUNT(*) AS n
                FROM {d.T("kpi_periods")} p
                JOIN {d.T("kpi_placements")} ac ON {activeOnLastDay}
                GROUP BY p.kind, p.period, ac.TeamId
            ) x
            JOIN {d.T("kpi_units")} u ON u.unit = x.TeamId
            GROUP BY u.ancestor, x.kind, x.period
            """);
        await sql.ExecAsync($"""
            {direct}
            SELECT 'A1', pop.UnitId, p.kind, p.period, COALESCE(x.children, 0), pop.Age0To17 / 1000.0
            FROM {d.T("kpi_periods")} p
            JOIN population pop ON pop.Year = p.year
            LEFT JOIN (
                SELECT u.ancestor, y.kind, y.period, COUNT(DISTINCT y.ChildId) AS children
                FROM (
                    SELECT DISTINCT p2.kind, p2.period, ac.TeamId, ac.ChildId
                    FROM {d.T("kpi_periods")} p2
                    JOIN {d.T("kpi_placements")} ac ON ac.StartOn <= p2.last_day AND (ac.EndOn IS NULL OR ac.EndOn >= p2.last_day)
                ) y
                JOIN {d.T("kpi_units")} u ON u.unit = y.TeamId
                WHERE u.ancestor IN (SELECT UnitId FROM population)
                GROUP BY u.ancestor, y.kind, y.period
            ) x ON x.ancestor = pop.UnitId AND x.kind = p.kind AND x.period = p.period
            """);
        await sql.ExecAsync($"""
            {direct}
            SELECT 'S1', u.ancestor, x.kind, x.period, SUM(x.n), 0
            FROM (
                SELECT p.kind, p.period, c.TeamId, COUNT(*) AS n
                FROM {d.T("kpi_periods")} p
                JOIN cases c ON c.OpenedOn <= p.last_day AND (c.ClosedOn IS NULL OR c.ClosedOn >= p.last_day)
                GROUP BY p.kind, p.period, c.TeamId
            ) x
            JOIN {d.T("kpi_units")} u ON u.unit = x.TeamId
            GROUP BY u.ancestor, x.kind, x.period
            UNION ALL
            SELECT 'S1', u.ancestor, p.kind, p.period, 0, SUM(h.Fte)
            FROM {d.T("kpi_periods")} p
            JOIN hr_months h ON h.Month = p.last_month
            JOIN employees e ON e.Id = h.EmployeeId AND e.Role = 'sagsbehandler'
            JOIN {d.T("kpi_units")} u ON u.unit = e.UnitId
            GROUP BY u.ancestor, p.kind, p.period
            """);
    }

    /// <summary>
    /// Sums the facts into every unit above them and every period listed in the helpers, and writes the snapshot; with an
    /// increment, the periods not listed are carried over from the previous snapshot.
    /// </summary>
    private static async Task<int> WriteValuesAsync(Sql sql, KpiSqlDialect d, DateOnly asOf, Increment? increment)
    {
        var a = d.Date(asOf);
        var recomputed = $"SELECT 1 FROM {d.T("kpi_periods")} p WHERE p.kind = kpi_values.PeriodKind AND p.period = kpi_values.Period";
        var carried = 0;
        if (increment is null)
        {
            await sql.ExecAsync($"DELETE FROM kpi_values WHERE AsOf = {a}");
        }
        else if (increment.PreviousAsOf == asOf)
        {
            // The same as-of date again: the periods not recomputed stay as they are.
            carried = increment.PreviousValues - await sql.ExecAsync($"DELETE FROM kpi_values WHERE AsOf = {a} AND EXISTS ({recomputed})");
        }
        else
        {
            await sql.ExecAsync($"DELETE FROM kpi_values WHERE AsOf = {a}");
            carried = await sql.ExecAsync($"""
                INSERT INTO kpi_values (AsOf, KpiCode, UnitId, PeriodKind, Period, Numerator, Denominator)
                SELECT {a}, KpiCode, UnitId, PeriodKind, Period, Numerator, Denominator FROM kpi_values
                WHERE AsOf = {d.Date(increment.PreviousAsOf)} AND NOT EXISTS ({recomputed})
                """);
        }
        // Monthly data (budget, HR) have no weeks of their own: O1, H1, H2 and X1 are not computed by week.
        // Decimal literals: SQLite would divide an integral sum by an integer divisor with integer division.
        var divisor = "CASE x.kpi WHEN 'H1' THEN 12.0 WHEN 'H2' THEN 12.0 WHEN 'X1' THEN 100.0 ELSE 1.0 END";
        return carried + await sql.ExecAsync($"""
            INSERT INTO kpi_values (AsOf, KpiCode, UnitId, PeriodKind, Period, Numerator, Denominator)
            SELECT {a}, x.kpi, x.unit, x.kind, x.period,
                   CASE WHEN x.kpi IN ('O1', 'O2') THEN {d.MoneyToKroner("SUM(x.num)")} ELSE {d.Quantity("SUM(x.num)")} END,
                   CASE WHEN x.kpi IN ('O1', 'O2') THEN {d.MoneyToKroner("SUM(x.den)")} ELSE {d.Quantity($"SUM(x.den) / {divisor}")} END
            FROM (
                -- Sum per unit and period first, then into every unit above: the tree multiplies far fewer rows.
                SELECT y.kpi, u.ancestor AS unit, y.kind, y.period, y.num, y.den
                FROM (
                    SELECT f.kpi, f.unit, dp.kind, dp.period, SUM(f.num) AS num, SUM(f.den) AS den
                    FROM {d.T("kpi_facts")} f
                    JOIN {d.T("kpi_day_periods")} dp ON dp.day = f.day
                    WHERE NOT (dp.kind = 'uge' AND f.kpi IN ('O1', 'H1', 'H2', 'X1'))
                    GROUP BY f.kpi, f.unit, dp.kind, dp.period
                ) y
                JOIN {d.T("kpi_units")} u ON u.unit = y.unit
                UNION ALL
                SELECT kpi, unit, kind, period, num, den FROM {d.T("kpi_direct")}
            ) x
            GROUP BY x.kpi, x.unit, x.kind, x.period
            """);
    }

    private static string Esc(string s) => s.Replace("'", "''", StringComparison.Ordinal);

    /// <summary>Commands on the recompute's connection and transaction.</summary>
    private sealed class Sql(DbConnection connection, DbTransaction transaction, List<(string, TimeSpan)> steps, CancellationToken ct)
    {
        public async Task<int> ExecAsync(string text)
        {
            var started = Stopwatch.GetTimestamp();
            var rows = await DbCommands.ExecAsync(connection, transaction, text, ct);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed.TotalMilliseconds >= 50)
            {
                // The first words of the statement name the step well enough for a profile.
                var head = string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Take(12));
                steps.Add((head, elapsed));
            }
            return rows;
        }

        /// <summary>Inserts literal rows (generated here, never user input) 500 at a time.</summary>
        public async Task InsertRowsAsync(string prefix, List<string> rows)
        {
            for (var i = 0; i < rows.Count; i += 500)
            {
                var text = new StringBuilder(prefix).AppendJoin(", ", rows.Skip(i).Take(500)).ToString();
                await ExecAsync(text);
            }
        }
    }
}
