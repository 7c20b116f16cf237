using LedelsesInfo.Application.Features.Catalogue;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Katalog;

public sealed class KatalogModel(IMediator mediator) : PageModel
{
    public Catalogue? Catalogue { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Catalogue = await mediator.Send(new GetCatalogue(), ct);
}
