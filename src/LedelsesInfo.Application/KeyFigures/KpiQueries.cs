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
        var parents = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);
        var goals = await db.Goals.AsNoTracking().Where(g => g.Year == year).ToDictionaryAsync(g => (g.KpiCode, g.UnitId), g => g.Target, ct);
        return (kpi, unit) => Targets.Inherited(unit, u => parents.GetValueOrDefault(u), u => goals.TryGetValue((kpi, u), out var t) ? t : null);
    }
}
