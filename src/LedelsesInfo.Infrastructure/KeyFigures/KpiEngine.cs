using System.Diagnostics;
using System.Globalization;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.KeyFigures.Facts;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LedelsesInfo.Infrastructure.KeyFigures;

/// <param name="RecomputedFrom">Null when every period was computed; else the day from which periods were recomputed, the earlier ones carried from the previous snapshot.</param>
public sealed record RecomputeResult(DateOnly AsOf, DateOnly HistoryStart, int Values, int Deadlines, TimeSpan Elapsed, IReadOnlyList<(string Step, TimeSpan Elapsed)> Steps,
    DateOnly? RecomputedFrom = null);

/// <summary>
/// An incremental recompute: periods ending on or after <paramref name="From"/> are computed, earlier ones copied from the
/// snapshot of <paramref name="PreviousAsOf"/>, which holds <paramref name="PreviousValues"/> values.
/// </summary>
internal sealed record Increment(DateOnly PreviousAsOf, int PreviousValues, DateOnly From);

/// <summary>
/// Computes every key figure of the catalogue (docs/key-figures.md) for every org unit and every week, month, quarter
/// and year, as of a date, in the database: set-based SQL over the imported tables, a calendar and unit-closure table
/// built from the Domain's rules, window functions for the follow-up chains. This class is the orchestration (the plan,
/// the helper tables, the transaction, the sum into periods and units, the snapshot row); each family of figures is a
/// fact module in Facts/ (<see cref="KpiFacts"/>), and the statutory deadlines are <see cref="DeadlineChains"/>. The result is a snapshot (kpi_values, deadlines) keyed
/// by the as-of date; a recompute for the same date replaces it in one transaction.
/// After an import, only the periods the new or changed rows can reach are recomputed (<see cref="PlanAsync"/>); the
/// deadline chains are always recomputed whole, since a chain's deadlines follow from its whole history.
/// </summary>
public sealed class KpiEngine(LedelsesInfoDbContext db)
{
    private static readonly string[] TempTables = ["kpi_units", "kpi_calendar", "kpi_day_periods", "kpi_periods", "kpi_windows", "kpi_facts", "kpi_direct"];

    /// <summary>
    /// The date the data describe: the latest notification, activity event or payment, up to today. The importer refuses
    /// dates in the future; a database that got one before it did (a notification "received" in 9999) still computes as of
    /// the latest real date instead of failing on every recompute.
    /// </summary>
    public async Task<DateOnly?> DataAsOfAsync(CancellationToken ct = default)
    {
        var today = DanishClock.Instance.Today;
        var tomorrow = today.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var lastPayment = await db.Payments.Where(p => p.PostedOn <= today).MaxAsync(p => (DateOnly?)p.PostedOn, ct);
        var lastEvent = await db.ActivityEvents.Where(e => e.OccurredOn <= today).MaxAsync(e => (DateOnly?)e.OccurredOn, ct);
        var lastNotification = await db.Notifications.Where(n => n.ReceivedAt < tomorrow).MaxAsync(n => (DateTime?)n.ReceivedAt, ct);
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
        using var activity = Telemetry.PortalTelemetry.Source.StartActivity("recompute");
        var result = await ComputeAsync(asOf, full, ct);
        if (result is not null)
        {
            activity?.SetTag("ledelsesinfo.recompute.as_of", result.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .SetTag("ledelsesinfo.recompute.values", result.Values).SetTag("ledelsesinfo.recompute.full", result.RecomputedFrom is null);
            Telemetry.PortalTelemetry.RecomputeSeconds.Record(result.Elapsed.TotalSeconds);
        }
        return result;
    }

    private async Task<RecomputeResult?> ComputeAsync(DateOnly? asOf, bool full, CancellationToken ct)
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
        var d = SqlDialect.For(db);
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
                await AccessLogFile.DetachAsync(db, ct); // views go on being logged while this holds the database's lock
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var sql = new SqlBatch(db.Database.GetDbConnection(), transaction.GetDbTransaction(), ct) { Slow = (step, elapsed) => steps.Add((step, elapsed)) }
                    .Set("asOf", a)
                    .Set("since", since)
                    .Set("from", since.ToDateTime(TimeOnly.MinValue))
                    .Set("end", a.AddDays(1).ToDateTime(TimeOnly.MinValue)); // as of a date means the end of that day
                var tables = new FactTables(sql, d);
                await CreateHelpersAsync(sql, d, a, history, units.Select(u => (u.Id, u.ParentId)).ToList(), increment?.From, since);
                deadlines = await DeadlineChains.WriteAsync(sql, d);
                foreach (var facts in KpiFacts.All)
                {
                    await facts.WriteAsync(tables);
                }
                values = await WriteValuesAsync(sql, d, tables, a, increment);
                await EconomyMonths.WriteAsync(sql, d, a, history, since, increment);
                foreach (var table in TempTables)
                {
                    await sql.ExecAsync(d.DropTemp(table));
                }
                await WriteSnapshotAsync(sql, d, history, lastBatch, increment, values, deadlines);
                await sql.ExecAsync(d.BumpDataVersion);
                await transaction.CommitAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        return new RecomputeResult(a, history, values, deadlines, Stopwatch.GetElapsedTime(started), steps, increment?.From);
    }

    private static async Task WriteSnapshotAsync(SqlBatch sql, SqlDialect d, DateOnly history, long? lastBatch, Increment? increment, int values, int deadlines)
    {
        await sql.ExecAsync($"DELETE FROM {d.Table<KpiSnapshot>()} WHERE {d.Column<KpiSnapshot>(nameof(KpiSnapshot.AsOf))} = @asOf");
        await sql.ExecAsync(
            d.InsertInto<KpiSnapshot>(nameof(KpiSnapshot.AsOf), nameof(KpiSnapshot.ComputedAt), nameof(KpiSnapshot.HistoryStart), nameof(KpiSnapshot.LastImportBatchId),
                nameof(KpiSnapshot.RecomputedFrom), nameof(KpiSnapshot.ValueCount), nameof(KpiSnapshot.DeadlineCount)) +
            " VALUES (@asOf, @computedAt, @history, @lastBatch, @recomputedFrom, @values, @deadlines)",
            new Dictionary<string, object?>
            {
                ["computedAt"] = DateTime.UtcNow, ["history"] = history, ["lastBatch"] = lastBatch, ["recomputedFrom"] = increment?.From,
                ["values"] = values, ["deadlines"] = deadlines,
            });
    }

    /// <summary>
    /// The temporary helpers. With <paramref name="from"/> only the periods ending on or after it are listed (the rest are
    /// carried over), and every day from <paramref name="since"/> (the first of those periods' days) is mapped to them.
    /// </summary>
    private static async Task CreateHelpersAsync(SqlBatch sql, SqlDialect d, DateOnly asOf, DateOnly history, List<(string Id, string? ParentId)> units, DateOnly? from, DateOnly since)
    {
        foreach (var table in TempTables)
        {
            await sql.ExecAsync(d.DropTemp(table));
        }
        // Each unit with itself and every ancestor: facts at a team sum into every unit above it.
        await sql.ExecAsync(d.CreateTemp("kpi_units", $"ancestor {d.TextType} NOT NULL, unit {d.TextType} NOT NULL"));
        var parents = units.ToDictionary(u => u.Id, u => u.ParentId);
        var closure = new List<object?[]>();
        foreach (var (id, _) in units)
        {
            var seen = new HashSet<string>();
            for (string? ancestor = id; ancestor is not null && seen.Add(ancestor); ancestor = parents.GetValueOrDefault(ancestor))
            {
                closure.Add([ancestor, id]);
            }
        }
        await sql.InsertRowsAsync($"INSERT INTO {d.Temp("kpi_units")} (ancestor, unit)", closure);
        await sql.ExecAsync(d.CreateTempIndex("kpi_units", "unit, ancestor"));

        // Danish working days, numbered, so "the 6th working day after" is a join.
        await sql.ExecAsync(d.CreateTemp("kpi_calendar", $"day {d.DateType} NOT NULL PRIMARY KEY, working_index {d.IntType} NOT NULL, is_working {d.IntType} NOT NULL"));
        var calendar = new List<object?[]>();
        var index = 0;
        for (var day = history.AddDays(-10); day <= asOf.AddDays(40); day = day.AddDays(1))
        {
            var working = DanishCalendar.IsWorkingDay(day);
            index += working ? 1 : 0;
            calendar.Add([day, index, working ? 1 : 0]);
        }
        await sql.InsertRowsAsync($"INSERT INTO {d.Temp("kpi_calendar")} (day, working_index, is_working)", calendar);

        // Every day of the history with its week, month, quarter and year.
        await sql.ExecAsync(d.CreateTemp("kpi_day_periods", $"day {d.DateType} NOT NULL, kind {d.TextType} NOT NULL, period {d.TextType} NOT NULL"));
        var dayPeriods = new List<object?[]>();
        for (var day = since; day <= asOf; day = day.AddDays(1))
        {
            foreach (var kind in Periods.All)
            {
                var period = Periods.Of(kind, day);
                if (from is null || period.End >= from)
                {
                    dayPeriods.Add([day, Code<PeriodKind>.Of(kind), period.Key]);
                }
            }
        }
        await sql.InsertRowsAsync($"INSERT INTO {d.Temp("kpi_day_periods")} (day, kind, period)", dayPeriods);
        await sql.ExecAsync(d.CreateTempIndex("kpi_day_periods", "day"));

        // Every period from the history's start to as-of, with the last day it covers.
        await sql.ExecAsync(d.CreateTemp("kpi_periods",
            $"kind {d.TextType} NOT NULL, period {d.TextType} NOT NULL, last_day {d.DateType} NOT NULL, last_month {d.DateType} NOT NULL, year {d.IntType} NOT NULL"));
        var periods = new List<object?[]>();
        foreach (var kind in Periods.All)
        {
            foreach (var period in Periods.Between(kind, history, asOf).Where(p => from is null || p.End >= from))
            {
                var last = period.LastDay(asOf);
                periods.Add([Code<PeriodKind>.Of(kind), period.Key, last, new DateOnly(last.Year, last.Month, 1), last.Year]);
            }
        }
        await sql.InsertRowsAsync($"INSERT INTO {d.Temp("kpi_periods")} (kind, period, last_day, last_month, year)", periods);

        // The rolling windows ending with each month of the history, each with its months: summed from the months' values.
        await sql.ExecAsync(d.CreateTemp("kpi_windows", $"kind {d.TextType} NOT NULL, period {d.TextType} NOT NULL, month {d.TextType} NOT NULL"));
        var windows = new List<object?[]>();
        foreach (var kind in Periods.Rolling)
        {
            foreach (var window in Periods.Between(kind, history, asOf).Where(p => from is null || p.End >= from))
            {
                windows.AddRange(Periods.MonthsOf(window).Select(month => (object?[])[Code<PeriodKind>.Of(kind), window.Key, month.Key]));
            }
        }
        await sql.InsertRowsAsync($"INSERT INTO {d.Temp("kpi_windows")} (kind, period, month)", windows);
        await sql.ExecAsync(d.CreateTempIndex("kpi_windows", "month"));

        await sql.ExecAsync(d.CreateTemp("kpi_facts", $"kpi {d.TextType} NOT NULL, unit {d.TextType} NOT NULL, day {d.DateType} NOT NULL, num {d.NumberType} NOT NULL, den {d.NumberType} NULL"));
        await sql.ExecAsync(d.CreateTemp("kpi_direct", $"kpi {d.TextType} NOT NULL, unit {d.TextType} NOT NULL, kind {d.TextType} NOT NULL, period {d.TextType} NOT NULL, num {d.NumberType} NOT NULL, den {d.NumberType} NULL"));
    }

    /// <summary>
    /// Sums the facts into every unit above them and every period listed in the helpers, and writes the snapshot; with an
    /// increment, the periods not listed are carried over from the previous snapshot. How a figure's parts are summed
    /// (money or quantities, the denominator's scale, no weeks for monthly data) comes from the catalogue.
    /// </summary>
    private static async Task<int> WriteValuesAsync(SqlBatch sql, SqlDialect d, FactTables t, DateOnly asOf, Increment? increment)
    {
        var values = d.Table<KpiValue>();
        string V(string property) => d.Column<KpiValue>(property);
        var columns = string.Join(", ", new[] { nameof(KpiValue.AsOf), nameof(KpiValue.KpiCode), nameof(KpiValue.UnitId), nameof(KpiValue.PeriodKind), nameof(KpiValue.Period),
            nameof(KpiValue.Numerator), nameof(KpiValue.Denominator) }.Select(V));
        var windows = d.Temp("kpi_windows");
        var recomputed = $"SELECT 1 FROM {t.Periods} p WHERE p.kind = {values}.{V(nameof(KpiValue.PeriodKind))} AND p.period = {values}.{V(nameof(KpiValue.Period))} " +
            $"UNION ALL SELECT 1 FROM {windows} w WHERE w.kind = {values}.{V(nameof(KpiValue.PeriodKind))} AND w.period = {values}.{V(nameof(KpiValue.Period))}";
        var carried = 0;
        if (increment is null)
        {
            await sql.ExecAsync($"DELETE FROM {values} WHERE {V(nameof(KpiValue.AsOf))} = @asOf");
        }
        else if (increment.PreviousAsOf == asOf)
        {
            // The same as-of date again: the periods not recomputed stay as they are.
            carried = increment.PreviousValues - await sql.ExecAsync($"DELETE FROM {values} WHERE {V(nameof(KpiValue.AsOf))} = @asOf AND EXISTS ({recomputed})");
        }
        else
        {
            await sql.ExecAsync($"DELETE FROM {values} WHERE {V(nameof(KpiValue.AsOf))} = @asOf");
            carried = await sql.ExecAsync($"""
                INSERT INTO {values} ({columns})
                SELECT @asOf, {V(nameof(KpiValue.KpiCode))}, {V(nameof(KpiValue.UnitId))}, {V(nameof(KpiValue.PeriodKind))}, {V(nameof(KpiValue.Period))}, {V(nameof(KpiValue.Numerator))}, {V(nameof(KpiValue.Denominator))}
                FROM {values}
                WHERE {V(nameof(KpiValue.AsOf))} = @previousAsOf AND NOT EXISTS ({recomputed})
                """, new Dictionary<string, object?> { ["previousAsOf"] = increment.PreviousAsOf });
        }
        var money = FactTables.InList(KpiCatalogue.All.Where(k => k.Parts == KpiParts.Money));
        var monthly = FactTables.InList(KpiCatalogue.All.Where(k => !k.ComputedFor(PeriodKind.Week)));
        // Decimal literals: SQLite would divide an integral sum by an integer divisor with integer division.
        var divisor = "CASE x.kpi" + string.Concat(KpiCatalogue.All.Where(k => k.DenominatorScale != 1)
            .Select(k => $" WHEN {FactTables.Code(k)} THEN {k.DenominatorScale.ToString("0.0###", CultureInfo.InvariantCulture)}")) + " ELSE 1.0 END";
        var written = await sql.ExecAsync($"""
            INSERT INTO {values} ({columns})
            SELECT @asOf, x.kpi, x.unit, x.kind, x.period,
                   CASE WHEN x.kpi IN ({money}) THEN {d.MoneyToKroner("SUM(x.num)")} ELSE {d.Quantity("SUM(x.num)")} END,
                   CASE WHEN x.kpi IN ({money}) THEN {d.MoneyToKroner("SUM(x.den)")} ELSE {d.Quantity($"SUM(x.den) / {divisor}")} END
            FROM (
                -- Sum per unit and period first, then into every unit above: the tree multiplies far fewer rows.
                SELECT y.kpi, u.ancestor AS unit, y.kind, y.period, y.num, y.den
                FROM (
                    SELECT f.kpi, f.unit, dp.kind, dp.period, SUM(f.num) AS num, SUM(f.den) AS den
                    FROM {t.Facts} f
                    JOIN {d.Temp("kpi_day_periods")} dp ON dp.day = f.day
                    WHERE NOT (dp.kind = {SqlDialect.Literal(PeriodKind.Week)} AND f.kpi IN ({monthly}))
                    GROUP BY f.kpi, f.unit, dp.kind, dp.period
                ) y
                JOIN {t.Units} u ON u.unit = y.unit
                UNION ALL
                SELECT kpi, unit, kind, period, num, den FROM {t.Direct}
            ) x
            GROUP BY x.kpi, x.unit, x.kind, x.period
            """);
        // The rolling windows: the sums of their months' numerators and denominators, per unit (never an average of shares).
        var rolling = FactTables.InList(KpiCatalogue.All.Where(k => k.RollingWindows));
        written += await sql.ExecAsync($"""
            INSERT INTO {values} ({columns})
            SELECT @asOf, v.{V(nameof(KpiValue.KpiCode))}, v.{V(nameof(KpiValue.UnitId))}, w.kind, w.period,
                   SUM(v.{V(nameof(KpiValue.Numerator))}), SUM(v.{V(nameof(KpiValue.Denominator))})
            FROM {values} v
            JOIN {windows} w ON w.month = v.{V(nameof(KpiValue.Period))}
            WHERE v.{V(nameof(KpiValue.AsOf))} = @asOf AND v.{V(nameof(KpiValue.PeriodKind))} = {SqlDialect.Literal(PeriodKind.Month)}
              AND v.{V(nameof(KpiValue.KpiCode))} IN ({rolling})
            GROUP BY v.{V(nameof(KpiValue.KpiCode))}, v.{V(nameof(KpiValue.UnitId))}, w.kind, w.period
            """);
        return carried + written;
    }
}
