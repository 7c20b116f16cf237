using System.Globalization;
using System.Security.Cryptography;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>The demo municipality: deterministic, importable without a single rejected row, and idempotent to re-import.</summary>
public sealed class DemoDataTests : IClassFixture<DemoDataTests.ImportedDemo>
{
    private static readonly DateOnly To = new(2026, 10, 31);
    private readonly ImportedDemo _demo;

    public DemoDataTests(ImportedDemo demo) => _demo = demo;

    /// <summary>The demo profile generated and imported once for the class.</summary>
    public sealed class ImportedDemo : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new();
        public string Folder => Path.Combine(Database.Folder, "demo");
        public LedelsesInfo.Infrastructure.Import.ImportResult? FirstImport { get; private set; }

        public async Task InitializeAsync()
        {
            new DemoGenerator(DemoProfile.Demo, 7, To).WriteTo(Folder);
            FirstImport = await Database.ImportAsync(Folder);
        }

        public Task DisposeAsync()
        {
            Database.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void The_generator_writes_the_same_bytes_for_the_same_seed_and_other_bytes_for_another()
    {
        using var temp = new TestDatabase();
        var a = Path.Combine(temp.Folder, "a");
        var b = Path.Combine(temp.Folder, "b");
        var c = Path.Combine(temp.Folder, "c");
        new DemoGenerator(DemoProfile.Demo, 42, To).WriteTo(a);
        new DemoGenerator(DemoProfile.Demo, 42, To).WriteTo(b);
        new DemoGenerator(DemoProfile.Demo, 43, To).WriteTo(c);

        var files = Directory.GetFiles(a).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(12, files.Count);
        foreach (var file in files)
        {
            Assert.Equal(Hash(Path.Combine(a, file!)), Hash(Path.Combine(b, file!)));
        }
        Assert.NotEqual(Hash(Path.Combine(a, "cases.csv")), Hash(Path.Combine(c, "cases.csv")));
    }

    [Fact]
    public void Every_generated_row_is_accepted_by_the_importer()
    {
        var result = _demo.FirstImport!;
        Assert.Equal(12, result.Files.Count);
        Assert.All(result.Files, f => Assert.Equal((false, 0, f.RowsRead), (f.Refused, f.RowsRejected, f.RowsApplied)));
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Importing_the_same_files_again_changes_nothing()
    {
        var before = await SnapshotAsync();

        var again = await _demo.Database.ImportAsync(_demo.Folder);

        Assert.All(again.Files, f => Assert.Equal(0, f.RowsRejected));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task The_demo_looks_like_a_real_municipality()
    {
        await using var db = _demo.Database.NewContext();
        var open = await db.Cases.CountAsync(c => c.ClosedOn == null);
        Assert.InRange(open, 450, 800); // a tenth of Copenhagen's 6,000 open cases

        var caseloads = await db.Cases.Where(c => c.ClosedOn == null).GroupBy(c => c.CaseworkerId).Select(g => g.Count()).ToListAsync();
        Assert.InRange(caseloads.Average(), 20, 35);

        var bfus = await db.Examinations.Where(e => e.Kind == ExaminationKind.Bfu).Select(e => new { e.AwareOn, e.CompletedOn }).ToListAsync();
        var due = bfus.Where(e => e.AwareOn.AddMonths(4) <= To).ToList();
        var onTime = due.Count(e => e.CompletedOn is { } c && c <= e.AwareOn.AddMonths(4)) / (double)due.Count;
        Assert.InRange(onTime, 0.35, 0.65); // Børnesagsbarometer 2024: about half

        var hr = await db.HrMonths.Select(h => new { h.SickDays, h.Fte }).ToListAsync();
        var sickPerFteYear = hr.Sum(h => h.SickDays) / (hr.Sum(h => h.Fte) / 12);
        Assert.InRange(sickPerFteYear, 12m, 20m); // about 16 days per FTE-year

        var notificationsPerMonth = await db.Notifications.Where(n => n.ReceivedAt >= new DateTime(2025, 1, 1) && n.ReceivedAt < new DateTime(2026, 1, 1))
            .Select(n => n.ReceivedAt.Month).ToListAsync();
        var july = notificationsPerMonth.Count(m => m == 7);
        var september = notificationsPerMonth.Count(m => m == 9);
        Assert.True(july < september, $"juli {july} bør have færre underretninger end september {september}");

        var payments = await db.Payments.Select(p => p.Amount).ToListAsync();
        Assert.Contains(payments, a => a < 0); // corrections exist
        Assert.True(await db.ActivityEvents.AnyAsync(e => e.Kind == ActivityEventKind.FollowUp && e.NextFollowUpMonths == null), "nogle opfølgninger mangler kadence");
    }

    [Fact]
    public async Task Money_sums_in_the_database_are_exact_to_the_ore()
    {
        // The expected total is summed in decimal straight from the file, outside the database.
        var expected = File.ReadLines(Path.Combine(_demo.Folder, "payments.csv")).Skip(1)
            .Select(line => decimal.Parse(line.Split(';')[5], NumberStyles.Number, CultureInfo.GetCultureInfo("da-DK")))
            .Sum();

        await using var db = _demo.Database.NewContext();
        var query = db.Payments.GroupBy(p => 1).Select(g => g.Sum(p => p.Amount));
        Assert.Contains("SUM(", query.ToQueryString(), StringComparison.Ordinal);
        var total = await db.Payments.SumAsync(p => p.Amount);

        Assert.Equal(expected, total);
        Assert.NotEqual(decimal.Truncate(total), total); // there are øre to get wrong
    }

    private async Task<string> SnapshotAsync()
    {
        await using var db = _demo.Database.NewContext();
        var parts = new List<string>
        {
            string.Join(",", await db.OrgUnits.OrderBy(x => x.Id).Select(x => x.Id + x.Name + x.ParentId).ToListAsync()),
            string.Join(",", await db.Cases.OrderBy(x => x.Id).Select(x => x.Id + x.TeamId + x.CaseworkerId + x.ClosedOn).ToListAsync()),
            (await db.Payments.CountAsync()).ToString(CultureInfo.InvariantCulture),
            (await db.Payments.SumAsync(p => p.Amount)).ToString(CultureInfo.InvariantCulture),
            (await db.ActivityEvents.CountAsync()).ToString(CultureInfo.InvariantCulture),
            (await db.Notifications.CountAsync()).ToString(CultureInfo.InvariantCulture),
            (await db.HrMonths.CountAsync()).ToString(CultureInfo.InvariantCulture),
            (await db.BudgetLines.SumAsync(b => b.Amount)).ToString(CultureInfo.InvariantCulture),
            (await db.Activities.CountAsync()).ToString(CultureInfo.InvariantCulture),
        };
        return string.Join("|", parts);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
