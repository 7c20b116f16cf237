using LedelsesInfo.Application.Caching;

namespace LedelsesInfo.Application.Features.Home;

/// <param name="ComputedAt">When the latest snapshot was computed (UTC), null before the first.</param>
/// <param name="Stale">Rows were imported after it that it does not include: a recompute is due (it stopped, or has not run yet).</param>
/// <param name="NewestImport">When the newest of those imports finished.</param>
public sealed record Freshness(DateOnly? AsOf, DateTime? ComputedAt, bool Stale, DateTime? NewestImport);

/// <summary>
/// How fresh the figures are, for the banner on every page: when the latest snapshot was computed, and whether newer
/// imported data wait for a recompute (a recompute that was stopped, or an import without one).
/// </summary>
public sealed record GetFreshness : IQuery<Freshness>, ICachedQuery
{
    public CacheScope Scope => CacheScope.Audience;
}

public sealed class GetFreshnessHandler(IAppDbContext db) : IQueryHandler<GetFreshness, Freshness>
{
    public async ValueTask<Freshness> Handle(GetFreshness query, CancellationToken ct)
    {
        var snapshot = await db.KpiSnapshots.AsNoTracking().OrderByDescending(s => s.AsOf).FirstOrDefaultAsync(ct);
        var newer = await NewerImportsAsync(db, snapshot, ct);
        return new Freshness(snapshot?.AsOf, snapshot?.ComputedAt, newer is not null, newer);
    }

    /// <summary>When the newest import with applied rows that the latest snapshot does not include finished; null when there is none.</summary>
    public static async Task<DateTime?> NewerImportsAsync(IAppDbContext db, KpiSnapshot? snapshot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (snapshot?.LastImportBatchId is not { } included)
        {
            return null; // no snapshot yet, or one that does not say which imports it includes
        }
        return await db.ImportBatches.AsNoTracking()
            .Where(b => b.Id > included && b.RowsApplied > 0 && b.ChangedFrom != null)
            .MaxAsync(b => (DateTime?)(b.FinishedAt ?? b.StartedAt), ct);
    }
}
