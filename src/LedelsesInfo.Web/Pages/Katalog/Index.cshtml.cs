using LedelsesInfo.Application.Features.Catalogue;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Katalog;

public sealed class KatalogModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<CatalogueEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Entries = await mediator.Send(new GetCatalogue(), ct);
}
