using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace LedelsesInfo.Web.Pages.Fagudvalg;

public sealed class FagudvalgModel(IMediator mediator) : DashboardPage
{
    public CommitteeDashboard? Dashboard { get; private set; }
    public LedelsesInfo.Application.Features.ManagementReview.ReviewOverview? Review { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Dashboard = await mediator.Send(new GetCommitteeDashboard(Quarter, AsOf), ct);
        Review = await ReviewAsync(Dashboard, ct);
        return Page();
    }

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var d = await mediator.Send(new GetCommitteeDashboard(Quarter, AsOf), ct);
        var s = await ReviewAsync(d, ct);
        return [d.Overview, d.Comparison, d.Goals, d.EconomyTable, s.Municipality, s.ActionPlanTable];
    }

    /// <summary>Management supervision for the year of the quarter shown, small numbers hidden as the committee sees them.</summary>
    private async Task<LedelsesInfo.Application.Features.ManagementReview.ReviewOverview> ReviewAsync(CommitteeDashboard dashboard, CancellationToken ct) =>
        await mediator.Send(new LedelsesInfo.Application.Features.ManagementReview.GetReviewOverview(
            dashboard.Quarter is { } q ? Figures.YearOf(q) : DateTime.Today.Year, HideSmallNumbers: true), ct);
}
