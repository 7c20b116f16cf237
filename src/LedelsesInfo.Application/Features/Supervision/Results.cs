using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Catalogue;
using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Application.Features.Supervision;

/// <summary>One question's result: "X af Y sager" (yes of the answered, "ikke relevant" left out), and the portal's own figure beside it.</summary>
public sealed record QuestionResult(long QuestionId, string Text, int Yes, int Of, int Partly, int NotRelevant, string? KpiCode, int? DataMet, int? DataOf)
{
    public string Shown => Of == 0 ? "ingen svar" : $"{Yes} af {Of} sager";
}

public sealed record RoundCaseView(long Id, string CaseId, string CaseworkerId, string CaseworkerName, string? MeasureKind, string Reason, bool Swapped, string? SwapReason,
    IReadOnlyDictionary<(long QuestionId, AnswerStage Stage), ReviewAnswer> Answers);

public sealed record RoundView(ReviewRound Round, string TeamName, ReviewTemplate Template, IReadOnlyList<ReviewQuestion> Questions, IReadOnlyList<RoundCaseView> Cases,
    IReadOnlyList<QuestionResult> Results, IReadOnlyList<ActionPlanItem> ActionPlans, TableData ResultTable);

/// <summary>One round as its team leader sees it: the cases and why, every answer, the results per question, the action plans.</summary>
public sealed record GetRound(long RoundId) : IQuery<RoundView>;

public sealed class GetRoundHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetRound, RoundView>
{
    public async ValueTask<RoundView> Handle(GetRound query, CancellationToken ct)
    {
        var round = await RoundRules.LeaderRoundAsync(db, user, clock, query.RoundId, ct, allowSignedOff: true);
        var template = await db.ReviewTemplates.AsNoTracking().SingleAsync(t => t.Id == round.TemplateId, ct);
        var questions = await RoundRules.QuestionsAsync(db, round, ct);
        var cases = await db.ReviewCases.AsNoTracking().Where(c => c.RoundId == round.Id).OrderBy(c => c.Swapped).ThenBy(c => c.Id).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var answers = await db.ReviewAnswers.AsNoTracking().Where(a => caseIds.Contains(a.ReviewCaseId)).ToListAsync(ct);
        var names = await db.Employees.AsNoTracking().Where(e => e.UnitId == round.TeamId).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var team = await db.OrgUnits.Where(u => u.Id == round.TeamId).Select(u => u.Name).SingleAsync(ct);
        var views = cases.Select(c => new RoundCaseView(c.Id, c.CaseId, c.CaseworkerId, names.GetValueOrDefault(c.CaseworkerId, c.CaseworkerId), c.MeasureKind, c.Reason, c.Swapped, c.SwapReason,
            answers.Where(a => a.ReviewCaseId == c.Id).ToDictionary(a => (a.QuestionId, a.Stage)))).ToList();
        await AccessLog.WriteAsync(db, user, clock, RoundRules.Page, AccessLog.Shown, cases.Where(c => !c.Swapped).Select(c => c.CaseId), ct);
        var results = await SupervisionResults.ForRoundsAsync(db, [round], questions, ct);
        var plans = await db.ActionPlans.AsNoTracking().Where(p => p.RoundId == round.Id).OrderBy(p => p.ByWhen).ToListAsync(ct);
        var table = new TableData("tilsyn", $"{team}, {round.Quarter}. kvartal {round.Year}: svar pr. spørgsmål",
            [new("Spørgsmål"), new("Ja", ColumnKind.Number), new("Besvaret (uden «ikke relevant»)", ColumnKind.Number), new("Delvist", ColumnKind.Number),
             new("Ikke relevant", ColumnKind.Number), new("Portalens tal: overholdt", ColumnKind.Number), new("Portalens tal: frister", ColumnKind.Number)],
            results.Select(r => (object?[])[r.Text, r.Yes, r.Of, r.Partly, r.NotRelevant, r.DataMet, r.DataOf]).ToList());
        return new RoundView(round, team, template, questions, views, results, plans, table);
    }
}

public static class SupervisionResults
{
    /// <summary>
    /// Results over rounds, by the leader's (final) answers on cases not swapped out. Beside a question with a key figure
    /// the portal's own count for the same cases: their BFU, plan or follow-up deadlines due by now and met.
    /// </summary>
    public static async Task<IReadOnlyList<QuestionResult>> ForRoundsAsync(IAppDbContext db, IReadOnlyList<ReviewRound> rounds, IReadOnlyList<ReviewQuestion> questions, CancellationToken ct)
    {
        var roundIds = rounds.Select(r => r.Id).ToList();
        var cases = await db.ReviewCases.AsNoTracking().Where(c => roundIds.Contains(c.RoundId) && !c.Swapped).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var answers = await db.ReviewAnswers.AsNoTracking().Where(a => caseIds.Contains(a.ReviewCaseId) && a.Stage == AnswerStage.Leader).ToListAsync(ct);
        // Questions match across template versions by their text, so results and trends survive a new version.
        var templateIds = rounds.Select(r => r.TemplateId).Distinct().ToList();
        var textOf = await db.ReviewQuestions.AsNoTracking().Where(q => templateIds.Contains(q.TemplateId)).ToDictionaryAsync(q => q.Id, q => q.Text, ct);
        var asOf = await KpiQueries.LatestAsOfAsync(db, ct);
        var sampled = cases.Select(c => c.CaseId).Distinct().ToList();
        var deadlines = asOf is { } a
            ? await db.Deadlines.AsNoTracking().Where(d => d.AsOf == a && sampled.Contains(d.CaseId) && d.Due <= a).Select(d => new { d.Kind, d.Due, d.DoneOn }).ToListAsync(ct)
            : [];
        return questions.Select(q =>
        {
            var mine = answers.Where(x => textOf.GetValueOrDefault(x.QuestionId) == q.Text).ToList();
            var kind = KpiCatalogue.DeadlineCountedBy(q.KpiCode);
            var data = kind is null ? null : deadlines.Where(d => d.Kind == kind).ToList();
            return new QuestionResult(q.Id, q.Text,
                mine.Count(x => x.Value == ReviewAnswerValue.Yes), mine.Count(x => x.Value != ReviewAnswerValue.NotRelevant),
                mine.Count(x => x.Value == ReviewAnswerValue.Partly), mine.Count(x => x.Value == ReviewAnswerValue.NotRelevant), q.KpiCode,
                data?.Count(d => d.DoneOn <= d.Due), data?.Count);
        }).ToList();
    }
}

public sealed record MyReview(int Year, int Quarter, string CaseId, RoundStatus Status, string? LearningPoints, string? ReflectionQuestions, bool AwaitsMyAnswers, long ReviewCaseId);

/// <summary>The caseworker's own reviewed cases, the rounds' learning points and reflection questions, and what awaits the own self-review.</summary>
public sealed record GetMyReviews : IQuery<IReadOnlyList<MyReview>>, Caching.ICachedQuery
{
    public Caching.CacheScope Scope => Caching.CacheScope.Person;
}

public sealed class GetMyReviewsHandler(IAppDbContext db, ICurrentUser user) : IQueryHandler<GetMyReviews, IReadOnlyList<MyReview>>
{
    public async ValueTask<IReadOnlyList<MyReview>> Handle(GetMyReviews query, CancellationToken ct)
    {
        if (user.Audience != Audience.Caseworker || user.EmployeeId is null)
        {
            return [];
        }
        var mine = await (from c in db.ReviewCases.AsNoTracking()
                          join r in db.ReviewRounds.AsNoTracking() on c.RoundId equals r.Id
                          where c.CaseworkerId == user.EmployeeId && !c.Swapped
                          orderby r.Year descending, r.Quarter descending
                          select new { c.Id, c.CaseId, r.Year, r.Quarter, r.Status, r.LearningPoints, r.ReflectionQuestions, r.Mode }).ToListAsync(ct);
        var answered = await db.ReviewAnswers.Where(a => a.Stage == AnswerStage.Caseworker && mine.Select(m => m.Id).Contains(a.ReviewCaseId))
            .Select(a => a.ReviewCaseId).Distinct().ToListAsync(ct);
        return mine.Select(m => new MyReview(m.Year, m.Quarter, m.CaseId, m.Status,
            m.Status == RoundStatus.SignedOff ? m.LearningPoints : null, m.Status == RoundStatus.SignedOff ? m.ReflectionQuestions : null,
            m.Mode == ReviewMode.SelfReviewFirst && m.Status != RoundStatus.SignedOff && !answered.Contains(m.Id), m.Id)).ToList();
    }
}
