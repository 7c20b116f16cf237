using LedelsesInfo.Application.Features.Dashboards;
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

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Dashboard = await mediator.Send(new GetManagementDashboard(Unit, Month, AsOf), ct);
        return Page();
    }

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var d = await mediator.Send(new GetManagementDashboard(Unit, Month, AsOf), ct);
        return [d.Deadlines, d.ComparisonTable, d.Changes, d.HrAndDeadlines, d.Economy, d.Cross];
    }
}
