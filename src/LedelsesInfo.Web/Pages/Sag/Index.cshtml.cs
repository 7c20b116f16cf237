using LedelsesInfo.Application.Features.Dashboards;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Sag;

public sealed class SagModel(IMediator mediator) : PageModel
{
    public CaseDetails? Details { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        Details = await mediator.Send(new GetCase(id), ct);
        return Page();
    }
}
