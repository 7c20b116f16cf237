using LedelsesInfo.Application.Features.AccessLogs;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Admin;

/// <summary>Who has seen a case: the administrator's answer to a citizen's request for access.</summary>
public sealed class AdgangslogModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "sag")]
    public string? CaseId { get; set; }

    public IReadOnlyList<CaseAccessRow>? Rows { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Request.Query.ContainsKey("sag"))
        {
            return Page(); // the empty form
        }
        CaseId = (CaseId ?? "").Trim();
        Rows = await mediator.Send(new GetCaseAccess(CaseId), ct);
        return Page();
    }
}
