using LedelsesInfo.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Application.Features.Catalogue;

public sealed record CatalogueEntry(string Code, string Name, string Unit, string GoodWhen, string Description, string? LegalBasis, string SourceFiles);

/// <summary>The key figures of the catalogue, in catalogue order.</summary>
public sealed record GetCatalogue : IQuery<IReadOnlyList<CatalogueEntry>>;

public sealed class GetCatalogueHandler(IAppDbContext db) : IQueryHandler<GetCatalogue, IReadOnlyList<CatalogueEntry>>
{
    private static readonly string[] Order = ["U1", "U2", "U3", "B1", "P1", "F1", "T1", "A1", "A2", "S1", "O1", "O2", "H1", "H2", "X1"];

    public async ValueTask<IReadOnlyList<CatalogueEntry>> Handle(GetCatalogue query, CancellationToken cancellationToken)
    {
        var entries = await db.KpiDefinitions.AsNoTracking()
            .Select(d => new CatalogueEntry(d.Code, d.Name, d.Unit, d.GoodWhen, d.Description, d.LegalBasis, d.SourceFiles))
            .ToListAsync(cancellationToken);
        return entries.OrderBy(e => Array.IndexOf(Order, e.Code) is var i && i < 0 ? int.MaxValue : i).ToList();
    }
}
