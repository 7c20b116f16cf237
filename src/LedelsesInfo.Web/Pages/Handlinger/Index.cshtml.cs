using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Actions;
using LedelsesInfo.Domain;
using LedelsesInfo.Web.Auth;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages.Handlinger;

/// <summary>
/// The action lists: the reader's own, or a unit's and the units' below it, grouped overdue, due within a week, open and
/// done, each with its figure's development since it began; an action marked done here; and the export of a unit's notes,
/// actions and expectations for a span of months.
/// </summary>
public sealed class HandlingerModel(IMediator mediator, IClock clock) : PageModel
{
    /// <summary><c>?mine=1</c>: the reader's own actions.</summary>
    [BindProperty(SupportsGet = true, Name = "mine")] public int? MineParameter { get; set; }

    public bool Mine => MineParameter == 1;
    [BindProperty(SupportsGet = true, Name = "enhed")] public string? UnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = "fra")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "til")] public string? To { get; set; }

    public ActionList? List { get; private set; }

    /// <summary>Whether the reader sees a unit's actions (a leader) or only the own (a caseworker's default).</summary>
    public bool IsLeader => User.FindFirst(PortalClaims.Audience)?.Value is { } a && Code<Audience>.TryParse(a, out var audience) && audience != Audience.Caseworker;

    public string DefaultFrom => From ?? Periods.Of(PeriodKind.Month, clock.Today.AddMonths(-11)).Key;
    public string DefaultTo => To ?? Periods.Of(PeriodKind.Month, clock.Today).Key;

    /// <summary>The months to choose from: the last five years and the next, newest first.</summary>
    public IReadOnlyList<string> Months => Enumerable.Range(-12, 72).Select(m => Periods.Of(PeriodKind.Month, clock.Today.AddMonths(-m)).Key).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        List = await mediator.Send(new GetFigureActions(UnitId, Mine || (!IsLeader && UnitId is null)), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDoneAsync(long id, CancellationToken ct)
    {
        var what = await mediator.Send(new MarkFigureActionDone(id), ct);
        TempData[RefusalFilter.Saved] = $"Handlingen \"{what}\" er markeret som udført.";
        var query = DashboardPage.QueryWithout(Request, "handler").ToList();
        return LocalRedirect(Request.Path + (query.Count == 0 ? "" : "?" + string.Join("&", query)));
    }

    /// <summary>The unit's notes, actions or expectations for the months chosen, as Excel or CSV.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? table, string? format, CancellationToken ct)
    {
        // Loaded first: a refused span of months shows the list again with the refusal above it.
        List = await mediator.Send(new GetFigureActions(UnitId, false), ct);
        var export = await mediator.Send(new ExportNotesAndActions(UnitId, DefaultFrom, DefaultTo), ct);
        var data = table switch
        {
            "bemaerkninger" => export.Notes,
            "handlinger" => export.Actions,
            "forventninger" => export.Expectations,
            _ => null,
        };
        if (data is null)
        {
            return NotFound();
        }
        return DashboardPage.TableFile(this, data, $"{data.Name}-{DefaultFrom}-{DefaultTo}", format) ?? NotFound();
    }
}
