using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace LedelsesInfo.Web.Pages.Mine;

public sealed class MineModel(IMediator mediator) : DashboardPage
{
    public MyCases? Cases { get; private set; }
    public IReadOnlyList<LedelsesInfo.Application.Features.ManagementReview.MyReview> Reviews { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Cases = await mediator.Send(new GetMyCases(AsOf), ct);
        Reviews = (await mediator.Send(new LedelsesInfo.Application.Features.ManagementReview.GetMyReviews(), ct)).Reviews;
        return Page();
    }

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var d = await mediator.Send(new GetMyCases(AsOf, Export: ExportTable), ct);
        return [d.Table, d.Compliance];
    }
}
