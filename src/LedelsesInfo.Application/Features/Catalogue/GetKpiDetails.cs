namespace LedelsesInfo.Application.Features.Catalogue;

public sealed record AudienceReceipt(Audience Audience, bool Enabled, PeriodKind Cadence, UnitLevel Grain);

public sealed record KpiTrendPoint(string Period, string Shown, TargetStatus Status);

public sealed record KpiDetails(
    Kpi Kpi,
    DateOnly? AsOf,
    decimal? MunicipalityTarget,
    IReadOnlyList<(string UnitName, decimal Target)> OwnTargets,
    IReadOnlyList<AudienceReceipt> Audiences,
    IReadOnlyList<KpiTrendPoint> Quarters);

/// <summary>One key figure's page: what it measures, the rule, the law, the source, the target, who receives it, the last quarters.</summary>
public sealed record GetKpiDetails(string Code) : IQuery<KpiDetails?>;

public sealed class GetKpiDetailsHandler(IAppDbContext db, ICurrentUser user) : IQueryHandler<GetKpiDetails, KpiDetails?>
{
    public async ValueTask<KpiDetails?> Handle(GetKpiDetails query, CancellationToken cancellationToken)
    {
        if (!KpiCatalogue.Exists(query.Code))
        {
            return null;
        }
        var kpi = KpiCatalogue.Get(query.Code);
        var asOf = await KpiQueries.LatestAsOfAsync(db, cancellationToken);
        var municipality = await KpiQueries.MunicipalityIdAsync(db, cancellationToken);
        var audiences = await db.AudienceSettings.AsNoTracking().Where(s => s.KpiCode == kpi.Code)
            .Select(s => new AudienceReceipt(s.Audience, s.Enabled, s.Cadence, s.Grain)).ToListAsync(cancellationToken);
        decimal? municipalityTarget = null;
        List<(string, decimal)> ownTargets = [];
        List<KpiTrendPoint> quarters = [];
        if (asOf is { } a && municipality is not null)
        {
            var target = await KpiQueries.TargetsAsync(db, a.Year, cancellationToken);
            municipalityTarget = target(kpi.Code, municipality);
            ownTargets = (await (from g in db.Goals.AsNoTracking()
                                 join u in db.OrgUnits on g.UnitId equals u.Id
                                 where g.KpiCode == kpi.Code && g.Year == a.Year
                                 orderby u.Name
                                 select new { u.Name, g.Target }).ToListAsync(cancellationToken))
                .Select(x => (x.Name, x.Target)).ToList();
            var values = await db.KpiValues.AsNoTracking()
                .Where(v => v.AsOf == a && v.KpiCode == kpi.Code && v.UnitId == municipality && v.PeriodKind == PeriodKind.Quarter)
                .OrderByDescending(v => v.Period).Take(8)
                .ToListAsync(cancellationToken);
            quarters = values.OrderBy(v => v.Period).Select(v =>
            {
                var cell = Figures.Cell(kpi, municipality, v.Period, v, municipalityTarget, Figures.DisclosureFor(user.Audience));
                return new KpiTrendPoint(v.Period, cell.Shown, cell.Status);
            }).ToList();
        }
        return new KpiDetails(kpi, asOf, municipalityTarget, ownTargets, audiences.OrderBy(x => x.Audience).ToList(), quarters);
    }
}
