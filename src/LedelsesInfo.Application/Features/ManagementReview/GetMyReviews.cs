namespace LedelsesInfo.Application.Features.ManagementReview;

public sealed record MyReview(int Year, int Quarter, string CaseId, RoundStatus Status, string? LearningPoints, string? ReflectionQuestions, bool AwaitsMyAnswers, long ReviewCaseId);

/// <summary>The caseworker's own reviewed cases, the rounds' learning points and reflection questions, and what awaits the own self-review.</summary>
/// <summary>The caseworker's reviews; every case in them is logged as shown, closed ones too, each time they are served.</summary>
public sealed record MyReviews(IReadOnlyList<MyReview> Reviews, Caching.CaseAccess Access) : Caching.IShowsCases;

public sealed record GetMyReviews : IQuery<MyReviews>, Caching.ICachedQuery
{
    public Caching.CacheScope Scope => Caching.CacheScope.Person;
}

public sealed class GetMyReviewsHandler(IAppDbContext db, ICurrentUser user) : IQueryHandler<GetMyReviews, MyReviews>
{
    public const string Page = Dashboards.GetMyCasesHandler.Page + ": ledelsestilsyn";

    public async ValueTask<MyReviews> Handle(GetMyReviews query, CancellationToken ct)
    {
        if (user.Audience != Audience.Caseworker || user.EmployeeId is null)
        {
            return new MyReviews([], new Caching.CaseAccess(Page, AccessLog.Shown, []));
        }
        var mine = await (from c in db.ReviewCases.AsNoTracking()
                          join r in db.ReviewRounds.AsNoTracking() on c.RoundId equals r.Id
                          where c.CaseworkerId == user.EmployeeId && !c.Swapped
                          orderby r.Year descending, r.Quarter descending
                          select new { c.Id, c.CaseId, r.Year, r.Quarter, r.Status, r.LearningPoints, r.ReflectionQuestions, r.Mode }).ToListAsync(ct);
        var answered = await db.ReviewAnswers.Where(a => a.Stage == AnswerStage.Caseworker && mine.Select(m => m.Id).Contains(a.ReviewCaseId))
            .Select(a => a.ReviewCaseId).Distinct().ToListAsync(ct);
        var reviews = mine.Select(m => new MyReview(m.Year, m.Quarter, m.CaseId, m.Status,
            m.Status == RoundStatus.SignedOff ? m.LearningPoints : null, m.Status == RoundStatus.SignedOff ? m.ReflectionQuestions : null,
            m.Mode == ReviewMode.SelfReviewFirst && m.Status != RoundStatus.SignedOff && !answered.Contains(m.Id), m.Id)).ToList();
        return new MyReviews(reviews, new Caching.CaseAccess(Page, AccessLog.Shown, reviews.Select(r => r.CaseId).Distinct().ToList()));
    }
}
