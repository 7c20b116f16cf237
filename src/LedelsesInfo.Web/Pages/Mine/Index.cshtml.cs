using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Application.Features.Worklists;
using LedelsesInfo.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace LedelsesInfo.Web.Pages.Mine;

public sealed class MineModel(IMediator mediator) : DashboardPage
{
    public MyCases? Cases { get; private set; }
    public IReadOnlyList<LedelsesInfo.Application.Features.ManagementReview.MyReview> Reviews { get; private set; } = [];
    public LedelsesInfo.Application.Features.ManagementReview.MyReviews? ReviewsAnswer { get; private set; }

    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }

    /// <summary>The marks on the own deadlines, read live beside the cached list (<see cref="GetDeadlineMarks"/>).</summary>
    public DeadlineMarks Marks { get; private set; } = new(new Dictionary<DeadlineRef, DeadlineMarkView>(), 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Cases = await mediator.Send(new GetMyCases(AsOf), ct);
        // Learning points from management supervision follow the work, newest first.
        ReviewsAnswer = await mediator.Send(new LedelsesInfo.Application.Features.ManagementReview.GetMyReviews(), ct);
        Reviews = ReviewsAnswer.Reviews.OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter).ToList();
        Marks = await mediator.Send(new GetDeadlineMarks(), ct);
        return Page();
    }

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var d = await mediator.Send(new GetMyCases(AsOf, Export: ExportTable), ct);
        return [d.Table, d.Compliance];
    }
}
