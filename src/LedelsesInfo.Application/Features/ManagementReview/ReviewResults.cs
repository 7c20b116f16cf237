namespace LedelsesInfo.Application.Features.ManagementReview;

public static class ReviewResults
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
