namespace LedelsesInfo.Application.Features.Catalogue;

/// <summary>A key figure in the catalogue with the municipality's latest quarter: value, target and status in words.</summary>
public sealed record CatalogueEntry(
    string Code,
    string Name,
    string Unit,
    string GoodWhen,
    string Description,
    string? LegalBasis,
    string SourceFiles,
    string? Quarter,
    string? Value,
    decimal? Target,
    TargetStatus Status);

public sealed record Catalogue(DateOnly? AsOf, IReadOnlyList<CatalogueEntry> Entries);

/// <summary>
/// The key figures of the catalogue, in catalogue order, with the municipality's figure for the latest quarter: the last
/// one ended by the as-of date, as on the committee's page (never a quarter with only part of its months). Small numbers
/// hidden for the committee.
/// </summary>
public sealed record GetCatalogue : IQuery<Catalogue>;

public sealed class GetCatalogueHandler(IAppDbContext db, ICurrentUser user) : IQueryHandler<GetCatalogue, Catalogue>
{
    public async ValueTask<Catalogue> Handle(GetCatalogue query, CancellationToken cancellationToken)
    {
        var asOf = await KpiQueries.LatestAsOfAsync(db, cancellationToken);
        var municipality = await KpiQueries.MunicipalityIdAsync(db, cancellationToken);
        var stored = await db.KpiDefinitions.AsNoTracking().ToDictionaryAsync(d => d.Code, cancellationToken);
        Dictionary<string, KpiValue> latest = [];
        string? quarter = null;
        Func<string, string, decimal?> target = (_, _) => null;
        if (asOf is { } a && municipality is not null)
        {
            quarter = Figures.ChoosePeriod(await Figures.PeriodsAsync(db, a, PeriodKind.Quarter, municipality, cancellationToken), null, a);
            latest = await db.KpiValues.AsNoTracking()
                .Where(v => v.AsOf == a && v.UnitId == municipality && v.PeriodKind == PeriodKind.Quarter && v.Period == quarter)
                .ToDictionaryAsync(v => v.KpiCode, cancellationToken);
            target = await KpiQueries.TargetsAsync(db, a.Year, cancellationToken);
        }
        var entries = KpiCatalogue.All.Where(k => stored.ContainsKey(k.Code)).Select(k =>
        {
            var v = latest.GetValueOrDefault(k.Code);
            var t = municipality is null ? null : target(k.Code, municipality);
            var cell = Figures.Cell(k, municipality ?? "", quarter ?? "", v, t, Figures.DisclosureFor(user.Audience));
            return new CatalogueEntry(k.Code, k.Name, k.Unit, k.GoodWhen, k.Description, k.LegalBasis, k.SourceFiles,
                v is null ? null : quarter, v is null ? null : cell.Shown, t, cell.Status);
        }).ToList();
        return new Catalogue(asOf, entries);
    }
}
