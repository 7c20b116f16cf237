using LedelsesInfo.Application.Abstractions;
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
        try
        {
            Details = await mediator.Send(new GetCase(id), ct);
        }
        catch (AccessDeniedException)
        {
            return Forbid();
        }
        return Page();
    }
}
