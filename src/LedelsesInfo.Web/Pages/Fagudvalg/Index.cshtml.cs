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
        var year = Dashboard.Quarter is { } q ? int.Parse(q[..4], System.Globalization.CultureInfo.InvariantCulture) : DateTime.Today.Year;
        Supervision = await mediator.Send(new LedelsesInfo.Application.Features.Supervision.GetSupervisionOverview(year, HideSmallNumbers: true), ct);
        return Page();
    }

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var d = await mediator.Send(new GetCommitteeDashboard(Quarter, AsOf), ct);
        var year = d.Quarter is { } q ? int.Parse(q[..4], System.Globalization.CultureInfo.InvariantCulture) : DateTime.Today.Year;
        var s = await mediator.Send(new LedelsesInfo.Application.Features.Supervision.GetSupervisionOverview(year, HideSmallNumbers: true), ct);
        return [d.Overview, d.Comparison, d.Goals, d.EconomyTable, s.Municipality, s.ActionPlanTable];
    }
}
