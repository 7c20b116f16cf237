using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Application.Features.Worklists;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace LedelsesInfo.Web.Pages.Team;

public sealed class TeamModel(IMediator mediator) : DashboardPage
{
    public TeamDashboard? Dashboard { get; private set; }

    /// <summary>The marks on the team's deadlines, kept by the version of what is written, beside the list kept by the data version (<see cref="GetDeadlineMarks"/>).</summary>
    public DeadlineMarks Marks { get; private set; } = new(new Dictionary<DeadlineRef, DeadlineMarkView>(), 0);

    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Week { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public string? Caseworker { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    /// <summary>The notes on the team's figures for the week shown and its month; the team leader writes for the week.</summary>
    public NotesView? Notes { get; private set; }

    /// <summary>The reader's own actions that are overdue or due within a week.</summary>
    public IReadOnlyList<LedelsesInfo.Application.Features.Actions.ActionView> ActionsDue { get; private set; } = [];

    /// <summary>What the notes shown depend on, for the rendered page's cache key.</summary>
    public string NotesStamp { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Dashboard = await mediator.Send(Query(export: null), ct);
        Marks = await mediator.Send(new GetDeadlineMarks(), ct);
        if (Dashboard.Week is { } week)
        {
            var month = LedelsesInfo.Domain.Periods.Of(LedelsesInfo.Domain.PeriodKind.Month, LedelsesInfo.Domain.Periods.Parse(week).End).Key;
            var next = LedelsesInfo.Application.Features.Notes.NotePeriods.Next(week);
            var notes = await mediator.Send(new LedelsesInfo.Application.Features.Notes.GetFigureNotes([Dashboard.TeamId], [week, month, next], WriteFor: Dashboard.TeamId), ct);
            var kpis = await mediator.Send(new LedelsesInfo.Application.Features.Notes.FiguresFor(LedelsesInfo.Domain.Audience.TeamLeader), ct);
            Notes = new NotesView("team", notes.Notes.Where(n => n.Period != next).ToList(), "Ingen bemærkninger til teamets tal for ugen endnu.",
                notes.MayWrite ? Dashboard.TeamId : null, week, kpis, $"{Request.Path}{Request.QueryString}")
            {
                Expectations = notes.Expectations, NextPeriod = next,
            };
            NotesStamp = NotesView.Stamp(notes);
        }
        ActionsDue = await mediator.Send(new LedelsesInfo.Application.Features.Actions.GetMyActionsDue(), ct);
        NotesStamp += "|" + string.Join(",", ActionsDue.Select(a => a.Id));
        return Page();
    }

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var d = await mediator.Send(Query(export: ExportTable), ct);
        return [d.DeadlineTable, d.Compliance, d.Caseload, d.Figures];
    }

    private GetTeamDashboard Query(string? export) =>
        new(Team, Week, AsOf, string.IsNullOrEmpty(Caseworker) ? null : Caseworker, string.IsNullOrEmpty(Kind) ? null : Kind, Sort, export);
}
