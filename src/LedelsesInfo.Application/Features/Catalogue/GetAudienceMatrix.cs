namespace LedelsesInfo.Application.Features.Catalogue;

/// <summary>The audience matrix: for every key figure and audience, whether it is sent, how often and at which grain.</summary>
public sealed record GetAudienceMatrix : IQuery<IReadOnlyList<AudienceMatrixRow>>;

public sealed record AudienceMatrixRow(string Code, string Name, IReadOnlyDictionary<Audience, AudienceReceipt> Cells);

public sealed class GetAudienceMatrixHandler(IAppDbContext db) : IQueryHandler<GetAudienceMatrix, IReadOnlyList<AudienceMatrixRow>>
{
    public async ValueTask<IReadOnlyList<AudienceMatrixRow>> Handle(GetAudienceMatrix query, CancellationToken cancellationToken)
    {
        var settings = await db.AudienceSettings.AsNoTracking().ToListAsync(cancellationToken);
        return KpiCatalogue.All.Select(k => new AudienceMatrixRow(k.Code, k.Name,
            settings.Where(s => s.KpiCode == k.Code).ToDictionary(s => s.Audience, s => new AudienceReceipt(s.Audience, s.Enabled, s.Cadence, s.Grain)))).ToList();
    }
}
