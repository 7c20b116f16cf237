using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Catalogue;
using LedelsesInfo.Application.Features.Worklists;
using LedelsesInfo.Domain;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Admin;

/// <summary>
/// The weekly message in the audience matrix: which audiences get it, and what this week's would be (a dry run: nothing
/// is sent from here). It is sent by the schedule (Notifications:Weekly) when SMTP is set, or by <c>send-weekly</c>.
/// </summary>
public sealed class UgentligBeskedModel(IMediator mediator, IClock clock, IConfiguration configuration) : PageModel
{
    public IReadOnlyDictionary<Audience, bool> Settings { get; private set; } = new Dictionary<Audience, bool>();
    public WeeklyMessages? Preview { get; private set; }
    public bool SmtpConfigured => configuration["Notifications:Smtp:Host"] is { Length: > 0 };

    [BindProperty] public bool TeamLeaders { get; set; }
    [BindProperty] public bool Caseworkers { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Settings = await mediator.Send(new GetWeeklyMessageSettings(), ct);
        Preview = (await mediator.Send(new SendWeeklyMessages(clock.Today, configuration["Notifications:PortalUrl"] is { Length: > 0 } url ? url : $"{Request.Scheme}://{Request.Host}", DryRun: true), ct)).Week;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new UpdateWeeklyMessageSetting(Audience.TeamLeader, TeamLeaders), ct);
        await mediator.Send(new UpdateWeeklyMessageSetting(Audience.Caseworker, Caseworkers), ct);
        TempData[RefusalFilter.Saved] = "Modtagerne af den ugentlige besked er gemt.";
        return RedirectToPage();
    }
}
