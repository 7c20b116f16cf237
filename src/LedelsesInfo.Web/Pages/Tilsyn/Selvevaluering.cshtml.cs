using LedelsesInfo.Application.Features.ManagementReview;
using LedelsesInfo.Web.Auth;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Tilsyn;

[Authorize(Policy = Policies.Caseworker)]
public sealed class SelvevalueringModel(IMediator mediator) : PageModel
{
    public SelfReview? Review { get; private set; }

    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Review = await mediator.Send(new GetSelfReview(Id), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        TempData[RefusalFilter.Saved] = await FormHelpers.SaveAnswersAsync(mediator, Id, Request.Form, ct);
        return RedirectToPage(new { id = Id });
    }
}
