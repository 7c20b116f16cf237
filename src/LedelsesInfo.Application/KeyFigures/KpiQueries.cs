namespace LedelsesInfo.Application.KeyFigures;

/// <summary>Shared reads over the snapshot: the latest as-of date, the org tree, and targets inherited down it.</summary>
public static class KpiQueries
{
    public static Task<DateOnly?> LatestAsOfAsync(IAppDbContext db, CancellationToken ct) =>
        db.KpiSnapshots.MaxAsync(s => (DateOnly?)s.AsOf, ct);

    public static async Task<string?> MunicipalityIdAsync(IAppDbContext db, CancellationToken ct) =>
        await db.OrgUnits.Where(u => u.Level == UnitLevel.Municipality).Select(u => u.Id).FirstOrDefaultAsync(ct);

    /// <summary>Targets for one year, each unit with its own or its nearest ancestor's (docs/key-figures.md).</summary>
    public static async Task<Func<string, string, decimal?>> TargetsAsync(IAppDbContext db, int year, CancellationToken ct)
    {
        var target = await TargetsForYearsAsync(db, [year], ct);
        return (kpi, unit) => target(kpi, unit, year);
    }

    /// <summary>Targets for several years in two reads (the org tree and the years' goals): figure, unit and year to target; none for a year not asked for.</summary>
    public static async Task<Func<string, string, int, decimal?>> TargetsForYearsAsync(IAppDbContext db, IReadOnlyCollection<int> years, CancellationToken ct)
    {
        var parents = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);
        var goals = await db.Goals.AsNoTracking().Where(g => years.Contains(g.Year)).ToDictionaryAsync(g => (g.KpiCode, g.UnitId, g.Year), g => g.Target, ct);
        return (kpi, unit, year) => years.Contains(year)
            ? Targets.Inherited(unit, u => parents.GetValueOrDefault(u), u => goals.TryGetValue((kpi, u, year), out var t) ? t : null)
            : null;
    }
}
