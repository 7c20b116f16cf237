using LedelsesInfo.Application.Features.Home;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LedelsesInfo.Infrastructure.Tests.Features.Home;

/// <summary>
/// A recompute that did not happen (the process was killed during it, or an import ran without one) is said on every page,
/// and the next start completes it.
/// </summary>
public sealed class FreshnessTests : IDisposable
{
    private static readonly DateOnly To = new(2026, 9, 30);
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Rows_imported_after_the_snapshot_make_the_figures_stale_until_the_next_start_computes_them()
    {
        var files = Path.Combine(_db.Folder, "demo");
        new DemoGenerator(DemoProfile.Demo, 2, To).WriteTo(files);
        await _db.ImportAsync(files);
        await using (var db = _db.NewContext())
        {
            await new KpiEngine(db).RecomputeAsync();
        }
        var committee = new TestUser(Audience.Committee, "K", null);
        Assert.False((await _db.SendAsync<Freshness>(new GetFreshness(), committee)).Stale);

        // A month more of payments arrives and the recompute after it never runs (the process was stopped).
        var next = Path.Combine(_db.Folder, "next");
        Directory.CreateDirectory(next);
        Files.Csv(next, "payments.csv", """
            payment_id;unit_id;function;activity_id;posted_on;amount
            PX1;F1A1T1;5.28.21;;2026-10-15;1000,00
            """);
        Assert.Equal(1, (await _db.ImportAsync(next)).Files.Single().RowsApplied);

        var stale = await _db.SendAsync<Freshness>(new GetFreshness(), committee);
        Assert.True(stale.Stale);
        Assert.Equal(To, stale.AsOf);
        Assert.NotNull(stale.NewestImport);

        await using (var db = _db.NewContext())
        {
            var initializer = new DatabaseInitializer(db, new Importer(db, new FixedClock()), new KpiEngine(db), new FixedClock(), NullLogger<DatabaseInitializer>.Instance);
            Assert.True(await initializer.CompleteRecomputeAsync());
            Assert.False(await initializer.CompleteRecomputeAsync()); // nothing left to complete
        }
        var fresh = await _db.SendAsync<Freshness>(new GetFreshness(), committee);
        Assert.Equal((false, new DateOnly(2026, 10, 15)), (fresh.Stale, fresh.AsOf));
    }
}
