using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Application.Features.ManagementReview;
using LedelsesInfo.Web.Auth;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LedelsesInfo.Web.Pages.Tilsyn;

/// <summary>Management's view of supervision: aggregates per team and for the municipality (no cases).</summary>
[Authorize(Policy = Policies.ManagementReport)]
public sealed class OversigtModel(IMediator mediator, IClock clock) : DashboardPage
{
    public ReviewOverview? Overview { get; private set; }

    /// <summary>This year in Denmark, whatever the server's zone.</summary>
    public int ThisYear => clock.Today.Year;

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Overview = await mediator.Send(new GetReviewOverview(Year ?? ThisYear, HideSmallNumbers: false), ct);

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var o = await mediator.Send(new GetReviewOverview(Year ?? ThisYear, HideSmallNumbers: false), ct);
        return [o.Municipality, o.Teams, o.Years, o.ActionPlanTable];
    }
}
