using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Texts;
using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <summary>Brings a database up to date at start-up and, when asked and the database is empty, fills it with the demo municipality.</summary>
public sealed class DatabaseInitializer(LedelsesInfoDbContext db, Importer importer, KeyFigures.KpiEngine engine, IClock clock, ILogger<DatabaseInitializer> logger)
{
    private static readonly System.Globalization.CultureInfo Da = System.Globalization.CultureInfo.GetCultureInfo("da-DK");

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await AccessLogFile.BeforeMigrateAsync(db, ct);
        await db.Database.MigrateAsync(ct);
        await PrepareAsync(ct);
    }

    /// <summary>
    /// Production's start (<c>Database:MigrateAtStartup=false</c>): the database must already be at the code's version,
    /// brought there by <c>ledelsesinfo migrate</c>; a database behind it is refused with what to do, and nothing is changed.
    /// </summary>
    public async Task RequireCurrentAsync(CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"Databasen er ikke opdateret til denne version af portalen: {pending.Count} migrering(er) mangler, den første er {pending[0]}. " +
                "Kør 'ledelsesinfo migrate' mod samme database, før portalen startes (docs/operations.md). " +
                "I Production opdaterer portalen ikke selv databasen (Database:MigrateAtStartup).");
        }
        await PrepareAsync(ct);
    }

    /// <summary>What every start does on a current database: WAL, the access log's own file, the catalogue's rows, interrupted imports.</summary>
    private async Task PrepareAsync(CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets dashboards read while a nightly import writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await AccessLogFile.SeparateAsync(db, ct);
        // The catalogue lives in code (Domain.KpiCatalogue); the table mirrors it so SQL and pages can join to it.
        await KpiSeed.SeedAsync(db, ct);
        // An import whose process died is marked as interrupted, so the history never shows it running for ever.
        var interrupted = await importer.MarkInterruptedAsync(ct);
        if (interrupted > 0)
        {
            logger.LogWarning("{Count} importkørsler blev afbrudt, før de var færdige, og er markeret som afbrudt", interrupted);
        }
    }

    /// <summary>
    /// Completes a recompute that a stopped process left undone: when imported rows are newer than the latest snapshot, the
    /// figures are computed now, before the portal listens (docs/operations.md). Returns whether it ran.
    /// </summary>
    public async Task<bool> CompleteRecomputeAsync(CancellationToken ct = default)
    {
        var snapshot = await db.KpiSnapshots.AsNoTracking().OrderByDescending(s => s.AsOf).FirstOrDefaultAsync(ct);
        if (await Application.Features.Home.GetFreshnessHandler.NewerImportsAsync(db, snapshot, ct) is null)
        {
            return false;
        }
        var result = await engine.RecomputeAsync(ct: ct);
        logger.LogWarning("Nøgletallene manglede nyere importerede data og er beregnet igen pr. {AsOf} ({Seconds} s)",
            result is null ? "–" : Danish.Date(result.AsOf), result?.Elapsed.TotalSeconds.ToString("N1", Da) ?? "0");
        return true;
    }

    /// <summary>Generates the demo profile into <paramref name="folder"/> and imports it through the ordinary importer.</summary>
    public async Task<ImportResult?> SeedDemoIfEmptyAsync(string folder, int seed = 1, DemoProfile? profile = null, CancellationToken ct = default)
    {
        if (await db.OrgUnits.AnyAsync(ct))
        {
            return null;
        }
        var to = DemoGenerator.DefaultTo(clock.Today);
        // The log's formatter writes values the invariant way ("11/30/2026"); the portal's log is Danish, so values go in written.
        logger.LogInformation("Tom database: genererer demokommunen (til og med {To}) i {Folder}", Danish.Date(to), folder);
        var summary = new DemoGenerator(profile ?? DemoProfile.Demo, seed, to).WriteTo(folder);
        logger.LogInformation("Demodata skrevet: {Rows} rækker. Indlæser …", summary.RowsPerFile.Values.Sum().ToString("N0", Da));
        var result = await importer.ImportAsync([folder], new ImportOptions(ImportedBy: "demodata"), ct);
        foreach (var file in result.Files)
        {
            logger.LogInformation("{Summary}", file.Summary);
        }
        var recompute = await engine.RecomputeAsync(ct: ct);
        if (recompute is not null)
        {
            if (result.RunId is { } run)
            {
                await importer.RecordRecomputeAsync(run, recompute.Elapsed, ct);
            }
            logger.LogInformation("Nøgletal beregnet pr. {AsOf}: {Values} værdier, {Deadlines} frister ({Seconds} s)",
                Danish.Date(recompute.AsOf), recompute.Values.ToString("N0", Da), recompute.Deadlines.ToString("N0", Da), recompute.Elapsed.TotalSeconds.ToString("N1", Da));
            var rounds = await new DemoReviews(db, clock).RunAsync(recompute.AsOf, seed, ct);
            logger.LogInformation("Ledelsestilsyn {From}-{To}: {Rounds} runder gennemført i demokommunen", recompute.AsOf.Year - 1, recompute.AsOf.Year, rounds);
            var notes = await new DemoNotes(db, clock).RunAsync(recompute.AsOf, seed, ct);
            logger.LogInformation("Bemærkninger til tallene: {Notes} skrevet i demokommunen", notes);
        }
        return result;
    }
}
