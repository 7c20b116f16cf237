using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>The snapshot's economy by unit, function and month equals the raw payments, budget and activities it sums.</summary>
public sealed class EconomyMonthsTests : IDisposable
{
    private static readonly DateOnly To = new(2026, 10, 31);
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Every_unit_function_and_month_holds_the_payments_budget_and_active_activities_of_the_raw_tables()
    {
        var files = Path.Combine(_db.Folder, "demo");
        new DemoGenerator(DemoProfile.Demo, 5, To).WriteTo(files);
        await _db.ImportAsync(files);
        await using var db = _db.NewContext();
        var asOf = new DateOnly(2026, 10, 15); // cuts October: its payments, and its activities counted on the 15th
        await new KpiEngine(db).RecomputeAsync(asOf);

        var stored = await db.EconomyMonths.AsNoTracking().Where(m => m.AsOf == asOf).ToListAsync();
        var payments = await db.Payments.AsNoTracking().Where(p => p.PostedOn <= asOf).ToListAsync();
        var spent = payments.GroupBy(p => (p.UnitId, p.Function, Month: new DateOnly(p.PostedOn.Year, p.PostedOn.Month, 1)))
            .ToDictionary(g => g.Key, g => (Spent: g.Sum(p => p.Amount), OnActivities: g.Where(p => p.ActivityId != null).Sum(p => p.Amount)));
        var budget = (await db.BudgetLines.AsNoTracking().Where(b => b.Month <= new DateOnly(2026, 12, 31)).ToListAsync())
            .ToDictionary(b => (b.UnitId, b.Function, b.Month), b => b.Amount);
        var teams = await db.Cases.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.TeamId);
        var activities = await db.Activities.AsNoTracking().ToListAsync();
        int Active(string team, string function, DateOnly month)
        {
            if (month > asOf)
            {
                return 0; // a month not yet begun has only its budget
            }
            var end = month.AddMonths(1).AddDays(-1);
            var last = end < asOf ? end : asOf;
            return activities.Count(a => teams[a.CaseId] == team && a.Function == function && a.StartOn <= last && (a.EndOn is null || a.EndOn >= last));
        }

        Assert.All(stored, m =>
        {
            var key = (m.UnitId, m.Function, m.Month);
            Assert.Equal(spent.GetValueOrDefault(key), (m.Spent, m.SpentOnActivities));
            Assert.Equal(budget.GetValueOrDefault(key), m.Budget);
            Assert.Equal(Active(m.UnitId, m.Function, m.Month), m.ActiveActivities);
        });
        // Nothing left out: every month with a payment or a budget line is there, and October's payments stop at the 15th.
        Assert.All(spent.Keys.Concat(budget.Keys), k => Assert.Contains(stored, m => (m.UnitId, m.Function, m.Month) == k));
        Assert.Contains(stored, m => m.Month == new DateOnly(2026, 12, 1) && m.Budget > 0 && m.Spent == 0);
        Assert.DoesNotContain(stored, m => m.Month > asOf && m.ActiveActivities > 0);
    }
}
