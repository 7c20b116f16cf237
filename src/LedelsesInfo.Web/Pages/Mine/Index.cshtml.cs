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

    /// <summary>The marks on the own deadlines, kept by the version of what is written, beside the list kept by the data version (<see cref="GetDeadlineMarks"/>).</summary>
    public DeadlineMarks Marks { get; private set; } = new(new Dictionary<DeadlineRef, DeadlineMarkView>(), 0);

    /// <summary>The team leader's notes on the team's figures.</summary>
    public NotesView? Notes { get; private set; }

    /// <summary>The reader's own actions that are overdue or due within a week (an action's owner sees it on the own page).</summary>
    public IReadOnlyList<LedelsesInfo.Application.Features.Actions.ActionView> ActionsDue { get; private set; } = [];

    /// <summary>What the notes and actions shown depend on, for the rendered page's cache key.</summary>
    public string NotesStamp { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Cases = await mediator.Send(new GetMyCases(AsOf), ct);
        // Learning points from management supervision follow the work, newest first.
        ReviewsAnswer = await mediator.Send(new LedelsesInfo.Application.Features.ManagementReview.GetMyReviews(), ct);
        Reviews = ReviewsAnswer.Reviews.OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter).ToList();
        Marks = await mediator.Send(new GetDeadlineMarks(), ct);
        // The team leader's notes on the team's figures for the last five weeks and two months.
        var day = Cases.Day;
        var periods = Enumerable.Range(0, 5).Select(w => LedelsesInfo.Domain.Periods.Of(LedelsesInfo.Domain.PeriodKind.Week, day.AddDays(-7 * w)).Key)
            .Concat(Enumerable.Range(0, 2).Select(m => LedelsesInfo.Domain.Periods.Of(LedelsesInfo.Domain.PeriodKind.Month, day.AddMonths(-m)).Key)).ToList();
        if (User.FindFirst(LedelsesInfo.Web.Auth.PortalClaims.UnitId)?.Value is { } team)
        {
            var notes = await mediator.Send(new LedelsesInfo.Application.Features.Notes.GetFigureNotes([team], periods), ct);
            Notes = new NotesView("mine", notes.Notes, "Teamlederen har ingen bemærkninger til teamets tal for de seneste uger.", null, "", [], $"{Request.Path}{Request.QueryString}")
            {
                Expectations = notes.Expectations,
            };
            NotesStamp = NotesView.Stamp(notes);
        }
        ActionsDue = await mediator.Send(new LedelsesInfo.Application.Features.Actions.GetMyActionsDue(), ct);
        NotesStamp += "|" + string.Join(",", ActionsDue.Select(a => a.Id));
        return Page();
    }

    protected override async Task<IReadOnlyList<TableData>> TablesAsync(CancellationToken ct)
    {
        var d = await mediator.Send(new GetMyCases(AsOf, Export: ExportTable), ct);
        return [d.Table, d.Compliance, .. d.Results is { } r ? [r] : Array.Empty<TableData>()];
    }
}
