using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.ManagementReview;
using LedelsesInfo.Domain;
using LedelsesInfo.Web.Auth;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Tilsyn;

[Authorize(Policy = Policies.TeamLeader)]
public sealed class TilsynModel(IMediator mediator, IClock clock) : PageModel
{
    public TeamYear? TeamYear { get; private set; }

    /// <summary>This year in Denmark, whatever the server's zone.</summary>
    public int ThisYear => clock.Today.Year;
    public IReadOnlyList<TemplateSummary> Templates { get; private set; } = [];

    public async Task OnGetAsync(int? year, CancellationToken ct)
    {
        TeamYear = await mediator.Send(new GetRounds(year ?? ThisYear), ct);
        Templates = await mediator.Send(new GetTemplates(), ct);
    }

    public async Task<IActionResult> OnPostPlanAsync(int year, int sampleSize, string mode, List<string?> focus, long? templateId, CancellationToken ct)
    {
        // An unknown mode is sent as a value outside the enum, which the validator refuses in Danish.
        var reviewMode = Code<ReviewMode>.TryParse(mode, out var m) ? m : (ReviewMode)(-1);
        await mediator.Send(new PlanYear(year, sampleSize, reviewMode, focus.Count == 4 ? focus.Select(f => string.IsNullOrEmpty(f) ? null : f).ToList() : null, templateId), ct);
        TempData[RefusalFilter.Saved] = $"Årshjulet for {year} er planlagt: fire runder.";
        return RedirectToPage(new { year });
    }
}
