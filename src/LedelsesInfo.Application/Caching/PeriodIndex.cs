namespace LedelsesInfo.Application.Caching;

/// <summary>
/// What a cached query's period values resolve to at one data version: the snapshot a missing or unknown as-of date
/// means, and the period a missing or unknown quarter, month or week means. Read once per version and kept in the
/// <see cref="QueryCache"/>, so a cache key is built from what the page will show (<c>?quarter=1900-Q1</c> and no quarter
/// at all are the same answer, computed once), at the cost of no query when the index is cached.
/// </summary>
public sealed class PeriodIndex(IAppDbContext db, QueryCache cache, long version)
{
    /// <summary>The snapshot the handlers read: the one asked for if it exists, else the newest (<see cref="Figures.ResolveAsOfAsync"/>).</summary>
    public async ValueTask<DateOnly?> AsOfAsync(DateOnly? requested, CancellationToken ct)
    {
        var snapshots = await cache.GetOrComputeAsync($"index|snapshots|v{version}", async c => (IReadOnlyList<DateOnly>)await Figures.SnapshotsAsync(db, c), ct, takesTurn: false);
        return requested is { } r && snapshots.Contains(r) ? r : snapshots.Count > 0 ? snapshots.Max() : null;
    }

    /// <summary>The periods of a kind a unit has in a snapshot, newest first (<see cref="Figures.PeriodsAsync"/>).</summary>
    public ValueTask<IReadOnlyList<string>> PeriodsAsync(DateOnly asOf, PeriodKind kind, string unitId, CancellationToken ct) =>
        cache.GetOrComputeAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"index|periods|{asOf:yyyy-MM-dd}|{kind}|{unitId}|v{version}"),
            c => new ValueTask<IReadOnlyList<string>>(Figures.PeriodsAsync(db, asOf, kind, unitId, c)), ct, takesTurn: false);

    /// <summary>Whether a unit exists, so that an unknown unit in an address adds nothing to the cache.</summary>
    public async ValueTask<bool> IsUnitAsync(string unitId, CancellationToken ct) =>
        (await cache.GetOrComputeAsync($"index|units|v{version}", async c => (IReadOnlySet<string>)(await db.OrgUnits.AsNoTracking().Select(u => u.Id).ToListAsync(c)).ToHashSet(StringComparer.Ordinal), ct, takesTurn: false)).Contains(unitId);

    public async ValueTask<string?> MunicipalityIdAsync(CancellationToken ct) =>
        await cache.GetOrComputeAsync($"index|municipality|v{version}", async c => await KpiQueries.MunicipalityIdAsync(db, c) ?? "", ct, takesTurn: false) is { Length: > 0 } id ? id : null;
}
