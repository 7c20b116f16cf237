using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Application.Features.Notes;
using LedelsesInfo.Application.KeyFigures;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace LedelsesInfo.Web.Pages.Ledelse;

public sealed class LedelseModel(IMediator mediator) : DashboardPage
{
    public ManagementDashboard? Dashboard { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }

    /// <summary>The leaders' notes on the month's figures for the unit and the units under it.</summary>
    public NotesView? Notes { get; private set; }

    /// <summary>The notes on the trend charts' months, for the charts' markers.</summary>
    public IReadOnlyList<NoteView> ChartNotes { get; private set; } = [];

    /// <summary>The reader's own actions that are overdue or due within a week.</summary>
    public IReadOnlyList<LedelsesInfo.Application.Features.Actions.ActionView> ActionsDue { get; private set; } = [];

    /// <summary>What the notes shown depend on, for the rendered page's cache key (<see cref="NotesView.Stamp"/>).</summary>
    public string NotesStamp { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Dashboard = await mediator.Send(new GetManagementDashboard(Unit, Month, AsOf), ct);
        if (Dashboard.Month is { } month)
        {
            var units = Dashboard.ComparisonColumns.Select(c => c.Id).Where(id => id != Figures.RemainderKey).Append(Dashboard.Unit.Id).Distinct().ToList();
            var next = NotePeriods.Next(month);
            var chartMonths = Dashboard.Trends.Count > 0 ? Dashboard.Trends[0].Chart.Periods : [];
            var notes = await mediator.Send(new GetFigureNotes(units, [.. chartMonths.Append(month).Append(next).Distinct()], WriteFor: Dashboard.Unit.Id), ct);
            Notes = new NotesView("ledelse", notes.Notes.Where(n => n.Period == month).ToList(), "Ingen bemærkninger til tallene for måneden endnu.",
                notes.MayWrite ? Dashboard.Unit.Id : null, month, Dashboard.Kpis, $"{Request.Path}{Request.QueryString}")
            {
                Expectations = notes.Expectations.Where(e => e.Period == month || e.Period == next).ToList(), NextPeriod = next,
            };
            ChartNotes = notes.Notes;
            NotesStamp = NotesView.Stamp(notes);
        }
        ActionsDue = await mediator.Send(new LedelsesInfo.Application.Features.Actions.GetMyActionsDue(), ct);
        NotesStamp += "|" + string.Join(",", ActionsDue.Select(a => a.Id));
        return Page();
    }

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var d = await mediator.Send(new GetManagementDashboard(Unit, Month, AsOf), ct);
        return [d.Deadlines, d.ComparisonTable, d.Changes, d.HrAndDeadlines, d.Economy, d.Cross];
    }
}
