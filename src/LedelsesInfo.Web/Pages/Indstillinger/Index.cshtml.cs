using LedelsesInfo.Application.Features.Worklists;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Indstillinger;

/// <summary>The person's own settings: whether they get the weekly message.</summary>
public sealed class IndstillingerModel(IMediator mediator) : PageModel
{
    public MyWeeklyMessage? Setting { get; private set; }

    [BindProperty] public bool WeeklyMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Setting = await mediator.Send(new GetMyWeeklyMessage(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var on = await mediator.Send(new SetMyWeeklyMessage(WeeklyMessage), ct);
        TempData[RefusalFilter.Saved] = on ? "Du får den ugentlige besked." : "Du får ikke længere den ugentlige besked.";
        return RedirectToPage();
    }
}
