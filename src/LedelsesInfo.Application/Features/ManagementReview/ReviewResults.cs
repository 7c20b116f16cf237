namespace LedelsesInfo.Application.Features.ManagementReview;

public static class ReviewResults
{
    /// <summary>
    /// Results over rounds, by the leader's (final) answers on cases not swapped out. Beside a question with a key figure
    /// the portal's own count for the same cases: their BFU, plan or follow-up deadlines due by now and met.
    /// </summary>
    public static async Task<IReadOnlyList<QuestionResult>> ForRoundsAsync(IAppDbContext db, IReadOnlyList<ReviewRound> rounds, IReadOnlyList<ReviewQuestion> questions, CancellationToken ct) =>
        (await LoadAsync(db, rounds, ct)).For(rounds, questions);

    /// <summary>
    /// Everything the results of these rounds are made of, read at once (cases, leaders' answers, question texts, the sampled
    /// cases' deadlines), so that the results of any grouping of them (per quarter, team, year) are counted in memory.
    /// </summary>
    public static async Task<ReviewData> LoadAsync(IAppDbContext db, IReadOnlyList<ReviewRound> rounds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var roundIds = rounds.Select(r => r.Id).ToList();
        var cases = await db.ReviewCases.AsNoTracking().Where(c => roundIds.Contains(c.RoundId) && !c.Swapped)
            .Select(c => new ReviewData.SampledCase(c.Id, c.RoundId, c.CaseId)).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var answers = await db.ReviewAnswers.AsNoTracking().Where(a => caseIds.Contains(a.ReviewCaseId) && a.Stage == AnswerStage.Leader)
            .Select(a => new ReviewData.Answer(a.ReviewCaseId, a.QuestionId, a.Value)).ToListAsync(ct);
        // Questions match across template versions by their text, so results and trends survive a new version.
        var templateIds = rounds.Select(r => r.TemplateId).Distinct().ToList();
        var textOf = await db.ReviewQuestions.AsNoTracking().Where(q => templateIds.Contains(q.TemplateId)).ToDictionaryAsync(q => q.Id, q => q.Text, ct);
        var asOf = await KpiQueries.LatestAsOfAsync(db, ct);
        var sampled = cases.Select(c => c.CaseId).Distinct().ToList();
        var deadlines = asOf is { } a
            ? await db.Deadlines.AsNoTracking().Where(d => d.AsOf == a && sampled.Contains(d.CaseId) && d.Due <= a)
                .Select(d => new ReviewData.Deadline(d.CaseId, d.Kind, d.Due, d.DoneOn)).ToListAsync(ct)
            : [];
        return new ReviewData(cases, answers, textOf, deadlines);
    }
}

/// <summary>The material of a set of rounds' results, counted for any subset of the rounds (<see cref="ReviewResults.LoadAsync"/>).</summary>
public sealed class ReviewData
{
    public sealed record SampledCase(long Id, long RoundId, string CaseId);

    public sealed record Answer(long ReviewCaseId, long QuestionId, ReviewAnswerValue Value);

    public sealed record Deadline(string CaseId, DeadlineKind Kind, DateOnly Due, DateOnly? DoneOn);

    private readonly ILookup<long, SampledCase> _casesByRound;
    private readonly ILookup<long, Answer> _answersByCase;
    private readonly IReadOnlyDictionary<long, string> _textOf;
    private readonly ILookup<string, Deadline> _deadlinesByCase;

    internal ReviewData(IReadOnlyList<SampledCase> cases, IReadOnlyList<Answer> answers, IReadOnlyDictionary<long, string> textOf, IReadOnlyList<Deadline> deadlines)
    {
        _casesByRound = cases.ToLookup(c => c.RoundId);
        _answersByCase = answers.ToLookup(a => a.ReviewCaseId);
        _textOf = textOf;
        _deadlinesByCase = deadlines.ToLookup(d => d.CaseId);
    }

    /// <summary>Each question's result over the given rounds (a subset of those loaded).</summary>
    public IReadOnlyList<QuestionResult> For(IEnumerable<ReviewRound> rounds, IReadOnlyList<ReviewQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var cases = rounds.SelectMany(r => _casesByRound[r.Id]).ToList();
        var answers = cases.SelectMany(c => _answersByCase[c.Id]).ToList();
        var deadlines = cases.Select(c => c.CaseId).Distinct(StringComparer.Ordinal).SelectMany(id => _deadlinesByCase[id]).ToList();
        return questions.Select(q =>
        {
            var mine = answers.Where(x => _textOf.GetValueOrDefault(x.QuestionId) == q.Text).ToList();
            var kind = KpiCatalogue.DeadlineCountedBy(q.KpiCode);
            var data = kind is null ? null : deadlines.Where(d => d.Kind == kind).ToList();
            return new QuestionResult(q.Id, q.Text,
                mine.Count(x => x.Value == ReviewAnswerValue.Yes), mine.Count(x => x.Value != ReviewAnswerValue.NotRelevant),
                mine.Count(x => x.Value == ReviewAnswerValue.Partly), mine.Count(x => x.Value == ReviewAnswerValue.NotRelevant), q.KpiCode,
                data?.Count(d => d.DoneOn <= d.Due), data?.Count);
        }).ToList();
    }
}
