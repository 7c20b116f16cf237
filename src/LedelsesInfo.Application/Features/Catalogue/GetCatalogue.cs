using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Application.Features.Catalogue;

public sealed record CatalogueEntry(string Code, string Name, string Unit, string GoodWhen, string Description, string? LegalBasis, string SourceFiles);

/// <summary>The key figures of the catalogue, in catalogue order.</summary>
public sealed record GetCatalogue : IQuery<IReadOnlyList<CatalogueEntry>>;

public sealed class GetCatalogueHandler(IAppDbContext db) : IQueryHandler<GetCatalogue, IReadOnlyList<CatalogueEntry>>
{
    public async ValueTask<IReadOnlyList<CatalogueEntry>> Handle(GetCatalogue query, CancellationToken cancellationToken)
    {
        var entries = await db.KpiDefinitions.AsNoTracking()
            .Select(d => new CatalogueEntry(d.Code, d.Name, d.Unit, d.GoodWhen, d.Description, d.LegalBasis, d.SourceFiles))
            .ToListAsync(cancellationToken);
        var order = KpiCatalogue.All.Select(k => k.Code).ToList();
        return entries.OrderBy(e => order.IndexOf(e.Code) is var i && i < 0 ? int.MaxValue : i).ToList();
    }
}
