using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence.Sql;

namespace LedelsesInfo.Infrastructure.KeyFigures;

/// <summary>
/// Writes the snapshot's economy by unit, function and month (<see cref="EconomyMonth"/>) in the recompute's transaction:
/// payments and budget summed where they are booked, and the activities active on each month's last day counted by their
/// case's team. With an increment, the months before the first one recomputed are carried from the previous snapshot,
/// as the key figures are.
/// </summary>
internal static class EconomyMonths
{
    public const string MonthsTable = "kpi_months";

    public static async Task<int> WriteAsync(SqlBatch sql, SqlDialect d, DateOnly asOf, DateOnly history, DateOnly since, Increment? increment)
    {
        var e = d.From<EconomyMonth>("e");
        // A previous snapshot without an economy (computed before the portal kept one) has nothing to carry: all months are computed.
        if (increment is not null && Convert.ToInt64(await sql.ScalarAsync($"SELECT COUNT(*) FROM {e} WHERE {e[x => x.AsOf]} = @previousAsOf",
                new Dictionary<string, object?> { ["previousAsOf"] = increment.PreviousAsOf }), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            increment = null;
            since = history;
        }
        var cut = new DateOnly(since.Year, since.Month, 1);
        var yearEnd = new DateOnly(asOf.Year, 12, 31);
        string E(string property) => d.Column<EconomyMonth>(property);
        var table = d.Table<EconomyMonth>();
        var columns = string.Join(", ", new[] { nameof(EconomyMonth.AsOf), nameof(EconomyMonth.UnitId), nameof(EconomyMonth.Function), nameof(EconomyMonth.Month),
            nameof(EconomyMonth.Spent), nameof(EconomyMonth.SpentOnActivities), nameof(EconomyMonth.Budget), nameof(EconomyMonth.ActiveActivities) }.Select(E));
        var range = new Dictionary<string, object?> { ["cut"] = cut, ["yearEnd"] = yearEnd, ["previousAsOf"] = increment?.PreviousAsOf };

        var carried = 0;
        if (increment is not null && increment.PreviousAsOf == asOf)
        {
            await sql.ExecAsync($"DELETE FROM {table} WHERE {E(nameof(EconomyMonth.AsOf))} = @asOf AND {E(nameof(EconomyMonth.Month))} >= @cut", range);
        }
        else
        {
            await sql.ExecAsync($"DELETE FROM {table} WHERE {E(nameof(EconomyMonth.AsOf))} = @asOf");
            if (increment is not null)
            {
                carried = await sql.ExecAsync($"""
                    INSERT INTO {table} ({columns})
                    SELECT @asOf, {e[x => x.UnitId]}, {e[x => x.Function]}, {e[x => x.Month]}, {e[x => x.Spent]}, {e[x => x.SpentOnActivities]}, {e[x => x.Budget]}, {e[x => x.ActiveActivities]}
                    FROM {e} WHERE {e[x => x.AsOf]} = @previousAsOf AND {e[x => x.Month]} < @cut
                    """, range);
            }
        }

        // Each month from the cut to the as-of date with the last day it covers.
        await sql.ExecAsync(d.DropTemp(MonthsTable));
        await sql.ExecAsync(d.CreateTemp(MonthsTable, $"month {d.DateType} NOT NULL, last_day {d.DateType} NOT NULL"));
        var months = new List<object?[]>();
        for (var month = cut; month <= asOf; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1).AddDays(-1);
            months.Add([month, end < asOf ? end : asOf]);
        }
        await sql.InsertRowsAsync($"INSERT INTO {d.Temp(MonthsTable)} (month, last_day)", months);

        var p = d.From<Payment>("p");
        var b = d.From<BudgetLine>("b");
        var a = d.From<Activity>("a");
        var c = d.From<Case>("c");
        var paymentMonth = d.MonthStart(p[x => x.PostedOn]);
        var written = await sql.ExecAsync($"""
            INSERT INTO {table} ({columns})
            SELECT @asOf, x.unit, x.fn, x.month, SUM(x.spent), SUM(x.on_activities), SUM(x.budget), SUM(x.active)
            FROM (
                SELECT {p[x => x.UnitId]} AS unit, {p[x => x.Function]} AS fn, {paymentMonth} AS month, SUM({p[x => x.Amount]}) AS spent,
                       SUM(CASE WHEN {p[x => x.ActivityId]} IS NOT NULL THEN {p[x => x.Amount]} ELSE 0 END) AS on_activities, 0 AS budget, 0 AS active
                FROM {p} WHERE {p[x => x.PostedOn]} >= @cut AND {p[x => x.PostedOn]} <= @asOf
                GROUP BY {p[x => x.UnitId]}, {p[x => x.Function]}, {paymentMonth}
                UNION ALL
                SELECT {b[x => x.UnitId]}, {b[x => x.Function]}, {b[x => x.Month]}, 0, 0, SUM({b[x => x.Amount]}), 0
                FROM {b} WHERE {b[x => x.Month]} >= @cut AND {b[x => x.Month]} <= @yearEnd
                GROUP BY {b[x => x.UnitId]}, {b[x => x.Function]}, {b[x => x.Month]}
                UNION ALL
                SELECT {c[x => x.TeamId]}, {a[x => x.Function]}, m.month, 0, 0, 0, COUNT(*)
                FROM {d.Temp(MonthsTable)} m
                JOIN {a} ON {a[x => x.StartOn]} <= m.last_day AND ({a[x => x.EndOn]} IS NULL OR {a[x => x.EndOn]} >= m.last_day)
                JOIN {c} ON {c[x => x.Id]} = {a[x => x.CaseId]}
                GROUP BY {c[x => x.TeamId]}, {a[x => x.Function]}, m.month
            ) x
            GROUP BY x.unit, x.fn, x.month
            """, range);
        await sql.ExecAsync(d.DropTemp(MonthsTable));
        return carried + written;
    }
}
