namespace LedelsesInfo.Application.Features.ManagementReview;

public sealed record SelfReview(long ReviewCaseId, string CaseId, int Year, int Quarter, IReadOnlyList<QuestionView> Questions, IReadOnlyDictionary<long, AnswerView> MyAnswers, bool ReadOnly);

/// <summary>The caseworker's own answers in a self-review round, for the own case only.</summary>
public sealed record GetSelfReview(long ReviewCaseId) : IQuery<SelfReview>;

public sealed class GetSelfReviewHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetSelfReview, SelfReview>
{
    public async ValueTask<SelfReview> Handle(GetSelfReview query, CancellationToken ct)
    {
        var reviewCase = await db.ReviewCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ReviewCaseId && !c.Swapped, ct);
        var round = reviewCase is null ? null : await db.ReviewRounds.AsNoTracking().SingleAsync(r => r.Id == reviewCase.RoundId, ct);
        if (round is null || user.Audience != Audience.Caseworker || reviewCase!.CaseworkerId != user.EmployeeId || round.Mode != ReviewMode.SelfReviewFirst)
        {
            throw await AccessLog.DenyAsync(db, user, clock, RoundRules.Page, reviewCase?.CaseId, "denne selvevaluering", ct);
        }
        var questions = await RoundRules.QuestionsAsync(db, round, ct);
        var answers = await db.ReviewAnswers.AsNoTracking().Where(a => a.ReviewCaseId == reviewCase.Id && a.Stage == AnswerStage.Caseworker).ToDictionaryAsync(a => a.QuestionId, AnswerView.Of, ct);
        await AccessLog.WriteAsync(db, user, clock, RoundRules.Page, AccessLog.Shown, [reviewCase.CaseId], ct);
        return new SelfReview(reviewCase.Id, reviewCase.CaseId, round.Year, round.Quarter, questions.Select(QuestionView.Of).ToList(), answers, round.Status == RoundStatus.SignedOff);
    }
}
