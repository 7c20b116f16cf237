using LedelsesInfo.Application.Features.Catalogue;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Katalog;

public sealed class NoegletalModel(IMediator mediator) : PageModel
{
    public KpiDetails? Details { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Details = await mediator.Send(new GetKpiDetails(code), ct);
        return Details is null ? NotFound() : Page();
    }
}
