using FluentValidation;
using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace LedelsesInfo.Web.Pages.Fagudvalg;

public sealed class FagudvalgModel(IMediator mediator) : DashboardPage
{
    public CommitteeDashboard? Dashboard { get; private set; }
    public LedelsesInfo.Application.Features.Supervision.SupervisionOverview? Supervision { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Dashboard = await mediator.Send(new GetCommitteeDashboard(Quarter, AsOf), ct);
        }
        catch (ValidationException)
        {
            Dashboard = await mediator.Send(new GetCommitteeDashboard(null, AsOf), ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Supervision = await SupervisionAsync(Dashboard, ct);
        return Page();
    }

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var d = await mediator.Send(new GetCommitteeDashboard(Quarter, AsOf), ct);
        var s = await SupervisionAsync(d, ct);
        return [d.Overview, d.Comparison, d.Goals, d.EconomyTable, s.Municipality, s.ActionPlanTable];
    }

    /// <summary>Management supervision for the year of the quarter shown, small numbers hidden as the committee sees them.</summary>
    private async Task<LedelsesInfo.Application.Features.Supervision.SupervisionOverview> SupervisionAsync(CommitteeDashboard dashboard, CancellationToken ct) =>
        await mediator.Send(new LedelsesInfo.Application.Features.Supervision.GetSupervisionOverview(
            dashboard.Quarter is { } q ? Figures.YearOf(q) : DateTime.Today.Year, HideSmallNumbers: true), ct);
}
