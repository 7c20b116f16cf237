namespace LedelsesInfo.Application.Features.ManagementReview;

/// <summary>One question's result: "X af Y sager" (yes of the answered, "ikke relevant" left out), and the portal's own figure beside it.</summary>
public sealed record QuestionResult(long QuestionId, string Text, int Yes, int Of, int Partly, int NotRelevant, string? KpiCode, int? DataMet, int? DataOf)
{
    public string Shown => Of == 0 ? "ingen svar" : $"{Yes} af {Of} sager";
}

public sealed record RoundCaseView(long Id, string CaseId, string CaseworkerId, string CaseworkerName, string? ActivityKind, string Reason, bool Swapped, string? SwapReason,
    IReadOnlyDictionary<(long QuestionId, AnswerStage Stage), AnswerView> Answers);

public sealed record RoundView(RoundInfo Round, string TeamName, TemplateRef Template, IReadOnlyList<QuestionView> Questions, IReadOnlyList<RoundCaseView> Cases,
    IReadOnlyList<QuestionResult> Results, IReadOnlyList<RoundActionPlan> ActionPlans, TableData ResultTable);

/// <summary>
/// One round as its team leader sees it: the cases and why, every answer, the results per question, the action plans.
/// Every case the page shows is logged, the swapped-out ones too; <paramref name="ExportTable"/> "svar" (the answers) logs
/// the cases in it as exported, another table (the results per question) no case.
/// </summary>
public sealed record GetRound(long RoundId, string? ExportTable = null) : IQuery<RoundView>;

public sealed class GetRoundHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetRound, RoundView>
{
    /// <summary>The round's table of answers, one row per case and question: the one export of the round that names cases.</summary>
    public const string AnswersTable = "svar";

    public async ValueTask<RoundView> Handle(GetRound query, CancellationToken ct)
    {
        var round = await RoundRules.LeaderRoundAsync(db, user, clock, query.RoundId, ct, allowSignedOff: true);
        var template = await db.ReviewTemplates.AsNoTracking().Where(t => t.Id == round.TemplateId).Select(t => new TemplateRef(t.Id, t.Name, t.Version)).SingleAsync(ct);
        var questions = await RoundRules.QuestionsAsync(db, round, ct);
        var cases = await db.ReviewCases.AsNoTracking().Where(c => c.RoundId == round.Id).OrderBy(c => c.Swapped).ThenBy(c => c.Id).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var answers = await db.ReviewAnswers.AsNoTracking().Where(a => caseIds.Contains(a.ReviewCaseId)).ToListAsync(ct);
        var names = await db.Employees.AsNoTracking().Where(e => e.UnitId == round.TeamId).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var team = await db.OrgUnits.Where(u => u.Id == round.TeamId).Select(u => u.Name).SingleAsync(ct);
        var views = cases.Select(c => new RoundCaseView(c.Id, c.CaseId, c.CaseworkerId, names.GetValueOrDefault(c.CaseworkerId, c.CaseworkerId), c.ActivityKind, c.Reason, c.Swapped, c.SwapReason,
            answers.Where(a => a.ReviewCaseId == c.Id).ToDictionary(a => (a.QuestionId, a.Stage), AnswerView.Of))).ToList();
        var logged = query.ExportTable switch
        {
            null => (AccessLog.Shown, cases.Select(c => c.CaseId)),
            AnswersTable => (AccessLog.Exported, cases.Where(c => !c.Swapped).Select(c => c.CaseId)),
            _ => (AccessLog.Exported, Enumerable.Empty<string>()),
        };
        await AccessLog.WriteAsync(db, user, clock, RoundRules.Page, logged.Item1, logged.Item2, ct);
        var results = await ReviewResults.ForRoundsAsync(db, [round], questions, ct);
        var plans = await db.ActionPlans.AsNoTracking().Where(p => p.RoundId == round.Id).OrderBy(p => p.ByWhen)
            .Select(p => new RoundActionPlan(p.Id, p.QuestionId, p.What, p.Who, p.ByWhen)).ToListAsync(ct);
        var table = new TableData("tilsyn", $"{team}, {round.Quarter}. kvartal {round.Year}: svar pr. spørgsmål",
            [new("Spørgsmål"), new("Ja", ColumnKind.Number), new("Besvaret (uden «ikke relevant»)", ColumnKind.Number), new("Delvist", ColumnKind.Number),
             new("Ikke relevant", ColumnKind.Number), new("Portalens tal: overholdt", ColumnKind.Number), new("Portalens tal: frister", ColumnKind.Number)],
            results.Select(r => (object?[])[r.Text, r.Yes, r.Of, r.Partly, r.NotRelevant, r.DataMet, r.DataOf]).ToList());
        return new RoundView(RoundInfo.Of(round), team, template, questions.Select(QuestionView.Of).ToList(), views, results, plans, table);
    }
}
