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

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Dashboard = await mediator.Send(new GetManagementDashboard(Unit, Month, AsOf), ct);
        if (Dashboard.Month is { } month)
        {
            var units = Dashboard.ComparisonColumns.Select(c => c.Id).Where(id => id != Figures.RemainderKey).Append(Dashboard.Unit.Id).Distinct().ToList();
            var notes = await mediator.Send(new GetFigureNotes(units, [month], WriteFor: Dashboard.Unit.Id), ct);
            Notes = new NotesView("ledelse", notes.Notes, "Ingen bemærkninger til tallene for måneden endnu.", notes.MayWrite ? Dashboard.Unit.Id : null, month,
                Dashboard.Kpis, $"{Request.Path}{Request.QueryString}");
        }
        return Page();
    }

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var d = await mediator.Send(new GetManagementDashboard(Unit, Month, AsOf), ct);
        return [d.Deadlines, d.ComparisonTable, d.Changes, d.HrAndDeadlines, d.Economy, d.Cross];
    }
}
