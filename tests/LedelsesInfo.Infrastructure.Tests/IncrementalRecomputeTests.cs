using System.Text;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>
/// The recompute after an import carries the periods no change can reach over from the previous snapshot and computes
/// the rest. It must give exactly what a full recompute gives on the same data.
/// </summary>
public sealed class IncrementalRecomputeTests : IDisposable
{
    private static readonly DateOnly To = new(2026, 10, 31);
    /// <summary>The night the municipality's systems had reached: everything after it arrives in the second import.</summary>
    private static readonly DateOnly Night = new(2026, 9, 17);
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Six_weeks_of_new_and_changed_rows_recompute_only_recent_periods_and_equal_a_full_recompute()
    {
        var files = Path.Combine(_db.Folder, "demo");
        new DemoGenerator(DemoProfile.Demo, 3, To).WriteTo(files);
        var (before, after) = SplitAt(files, Night);
        Assert.All((await _db.ImportAsync(before)).Files, f => Assert.Equal(0, f.RowsRejected));
        await using (var db = _db.NewContext())
        {
            var first = (await new KpiEngine(db).RecomputeAsync())!;
            Assert.Null(first.RecomputedFrom);
            Assert.True(first.AsOf <= Night);
        }

        // The next imports: new cases, notifications, events and payments, and old rows that changed (a case closed, a
        // measure ended, an examination completed, a notification assessed).
        var second = await _db.ImportAsync(after);
        Assert.All(second.Files, f => Assert.Equal(0, f.RowsRejected));
        await using (var db = _db.NewContext())
        {
            var changed = await db.ImportBatches.Where(b => b.ChangedFrom != null).Select(b => b.ChangedFrom!.Value).ToListAsync();
            Assert.True(changed.Min() <= Night, "the changed rows reach back to the night");
        }

        Dictionary<(string, string, string), (decimal, decimal?)> incremental;
        RecomputeResult partial;
        await using (var db = _db.NewContext())
        {
            partial = (await new KpiEngine(db).RecomputeAsync())!;
            incremental = await ValuesAsync(db, partial.AsOf);
            // The snapshot records from which day it was recomputed and which imports it includes.
            var snapshot = await db.KpiSnapshots.SingleAsync(x => x.AsOf == partial.AsOf);
            Assert.Equal((partial.RecomputedFrom, await db.ImportBatches.MaxAsync(b => b.Id)), (snapshot.RecomputedFrom, snapshot.LastImportBatchId!.Value));
        }
        Assert.Equal(To, partial.AsOf);
        Assert.NotNull(partial.RecomputedFrom);
        // From the earliest change, less a month for deadlines after a period's end. A notification may come months before
        // its case is opened, and an examination may be completed up to ten months after its four-month deadline, so the
        // earliest change lies before the night; the years before it are carried over.
        Assert.InRange(partial.RecomputedFrom!.Value, Night.AddMonths(-15), Night.AddDays(-KpiEngine.MarginDays));

        await using (var db = _db.NewContext())
        {
            var full = (await new KpiEngine(db).RecomputeAsync(full: true))!;
            Assert.Null(full.RecomputedFrom);
            var expected = await ValuesAsync(db, full.AsOf);
            Assert.Equal(expected.Count, incremental.Count);
            var differing = expected.Where(e => !incremental.TryGetValue(e.Key, out var v) || v != e.Value).Select(e => e.Key).Take(5).ToList();
            Assert.Empty(differing);
            Assert.Equal(full.Deadlines, partial.Deadlines);
        }
    }

    [Fact]
    public async Task A_month_of_only_new_rows_recomputes_from_a_month_before_the_last_snapshot_and_equals_a_full_recompute()
    {
        var files = Path.Combine(_db.Folder, "demo");
        new DemoGenerator(DemoProfile.Demo, 3, To).WriteTo(files);
        var (before, after) = SplitAt(files, Night, forwardOnly: true);
        await _db.ImportAsync(before);
        DateOnly previous;
        await using (var db = _db.NewContext())
        {
            previous = (await new KpiEngine(db).RecomputeAsync())!.AsOf;
        }
        Assert.All((await _db.ImportAsync(after)).Files, f => Assert.Equal(0, f.RowsRejected));

        await using (var db = _db.NewContext())
        {
            var partial = (await new KpiEngine(db).RecomputeAsync())!;
            // Nothing before the last snapshot changed: the notifications received in its last days had deadlines still
            // running on its as-of date, and those figures are recomputed too.
            Assert.Equal(previous.AddDays(1 - KpiEngine.MarginDays), partial.RecomputedFrom);
            var incremental = await ValuesAsync(db, partial.AsOf);
            await new KpiEngine(db).RecomputeAsync(full: true);
            var expected = await ValuesAsync(db, partial.AsOf);
            Assert.Equal(expected.Count, incremental.Count);
            Assert.Empty(expected.Where(e => !incremental.TryGetValue(e.Key, out var v) || v != e.Value).Select(e => e.Key).Take(5));
        }
    }

    [Fact]
    public async Task A_re_import_of_the_same_rows_changes_nothing_and_a_case_moved_to_another_team_recomputes_everything()
    {
        var files = Path.Combine(_db.Folder, "demo");
        new DemoGenerator(DemoProfile.Demo, 3, To).WriteTo(files);
        await _db.ImportAsync(files);
        await using (var db = _db.NewContext())
        {
            await new KpiEngine(db).RecomputeAsync();
        }

        // A night that exports every file again, unchanged: nothing to recompute.
        var again = await _db.ImportAsync(files);
        var lines = File.ReadAllLines(Path.Combine(files, "cases.csv"));
        var header = lines[0].TrimStart('\uFEFF').Split(';');
        var team = Array.IndexOf(header, "team_id");
        var moved = lines[1].Split(';');
        var otherTeam = lines.Skip(2).Select(l => l.Split(';')[team]).First(t => t != moved[team]);
        moved[team] = otherTeam;
        var movedFolder = Directory.CreateDirectory(Path.Combine(_db.Folder, "moved")).FullName;
        File.WriteAllLines(Path.Combine(movedFolder, "cases.csv"), [lines[0], string.Join(';', moved)], new UTF8Encoding(true));
        var move = await _db.ImportOneAsync(Path.Combine(movedFolder, "cases.csv"));

        await using (var db = _db.NewContext())
        {
            var batches = await db.ImportBatches.ToDictionaryAsync(b => b.Id, b => b.ChangedFrom);
            Assert.All(again.Files, f => Assert.Null(batches[f.BatchId]));
            Assert.Equal(DateOnly.MinValue, batches[move.BatchId]);
            var result = (await new KpiEngine(db).RecomputeAsync())!;
            Assert.Null(result.RecomputedFrom);
        }
    }

    /// <summary>The snapshot's key figures and its economy by unit, function and month, as comparable entries.</summary>
    private static async Task<Dictionary<(string, string, string), (decimal, decimal?)>> ValuesAsync(Persistence.LedelsesInfoDbContext db, DateOnly asOf)
    {
        var values = (await db.KpiValues.AsNoTracking().Where(v => v.AsOf == asOf).ToListAsync())
            .ToDictionary(v => (v.KpiCode, v.UnitId, $"{Code<PeriodKind>.Of(v.PeriodKind)}:{v.Period}"), v => (v.Numerator, (decimal?)v.Denominator));
        foreach (var m in await db.EconomyMonths.AsNoTracking().Where(m => m.AsOf == asOf).ToListAsync())
        {
            values[($"økonomi {m.Function}", m.UnitId, $"forbrug:{m.Month:yyyy-MM}")] = (m.Spent, m.SpentOnActivities);
            values[($"økonomi {m.Function}", m.UnitId, $"budget:{m.Month:yyyy-MM}")] = (m.Budget, m.ActiveActivities);
        }
        Assert.Contains(values.Keys, k => k.Item1.StartsWith("økonomi", StringComparison.Ordinal));
        return values;
    }

    /// <summary>
    /// The demo files as the systems held them on <paramref name="night"/> (folder "before"), and what the imports after it
    /// bring (folder "after"): rows that begin after the night, rows that belong to those, and the rows whose end, completion,
    /// assessment or receipt came after the night, blank in the first and filled in the second.
    /// </summary>
    private (string Before, string After) SplitAt(string folder, DateOnly night, bool forwardOnly = false)
    {
        var before = Directory.CreateDirectory(Path.Combine(_db.Folder, "before")).FullName;
        var after = Directory.CreateDirectory(Path.Combine(_db.Folder, "after")).FullName;
        var day = night.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        bool Later(string value) => value.Length >= 7 && string.CompareOrdinal(value.Length >= 10 ? value[..10] : value + "-01", day) > 0;
        var newCases = new HashSet<string>();
        var newActivities = new HashSet<string>();
        string[] order = ["organisation", "employees", "population", "goals", "cases", "notifications", "examinations", "activities", "activity_events", "payments", "budget", "hr"];
        foreach (var name in order)
        {
            var lines = File.ReadAllLines(Path.Combine(folder, name + ".csv"));
            var header = lines[0].TrimStart('\uFEFF').Split(';');
            int Col(string column) => Array.IndexOf(header, column);
            var first = new List<string> { lines[0] };
            var second = new List<string> { lines[0] };
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(';');
                // Columns that are filled in later: blank on the night, the row imported again when they are.
                string[] laterColumns = name switch
                {
                    "cases" => ["closed_on"],
                    "notifications" => ["assessed_at", "receipt_sent_on"],
                    "examinations" => ["completed_on"],
                    "activities" => ["end_on"],
                    _ => [],
                };
                var isNew = name switch
                {
                    "cases" => Later(f[Col("opened_on")]),
                    "notifications" => Later(f[Col("received_at")]) || newCases.Contains(f[Col("case_id")]),
                    "examinations" => Later(f[Col("aware_on")]) || newCases.Contains(f[Col("case_id")]),
                    "activities" => Later(f[Col("decided_on")]) || Later(f[Col("start_on")]) || newCases.Contains(f[Col("case_id")]),
                    "activity_events" => Later(f[Col("occurred_on")]) || newActivities.Contains(f[Col("activity_id")]),
                    "payments" => Later(f[Col("posted_on")]) || newActivities.Contains(f[Col("activity_id")]),
                    "budget" or "hr" => Later(f[Col("month")]),
                    _ => false,
                };
                if (isNew)
                {
                    // Forward only: just what happened after the night to cases and measures already known.
                    var forward = name switch
                    {
                        "notifications" => Later(f[Col("received_at")]) && !newCases.Contains(f[Col("case_id")]),
                        "activity_events" => !newActivities.Contains(f[Col("activity_id")]),
                        "payments" => !newActivities.Contains(f[Col("activity_id")]),
                        _ => false,
                    };
                    if (!forwardOnly || forward)
                    {
                        second.Add(line);
                    }
                    if (name == "cases")
                    {
                        newCases.Add(f[0]);
                    }
                    if (name == "activities")
                    {
                        newActivities.Add(f[0]);
                    }
                    continue;
                }
                var blanked = f.ToArray();
                foreach (var column in laterColumns)
                {
                    if (Later(f[Col(column)]))
                    {
                        blanked[Col(column)] = "";
                        if (column == "end_on")
                        {
                            blanked[Col("end_reason")] = ""; // why a measure ended is known when it ends
                        }
                    }
                }
                first.Add(string.Join(';', blanked));
                if (!forwardOnly && !blanked.SequenceEqual(f))
                {
                    second.Add(line);
                }
            }
            File.WriteAllLines(Path.Combine(before, name + ".csv"), first, new UTF8Encoding(true));
            File.WriteAllLines(Path.Combine(after, name + ".csv"), second, new UTF8Encoding(true));
        }
        return (before, after);
    }
}
