namespace LedelsesInfo.Application.Features.ManagementReview;

/// <summary>The rules every supervision command shares: who may act on a round, and that a signed-off round is read-only.</summary>
internal static class RoundRules
{
    public const string Page = "Ledelsestilsyn";

    public static async Task<ReviewRound> LeaderRoundAsync(IAppDbContext db, ICurrentUser user, IClock clock, long roundId, CancellationToken ct, bool allowSignedOff = false)
    {
        var round = await db.ReviewRounds.SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null || user.Audience != Audience.TeamLeader || round.TeamId != user.UnitId)
        {
            throw await AccessLog.DenyAsync(db, user, clock, Page, null, $"tilsynsrunde {roundId}", ct);
        }
        if (!allowSignedOff && round.Status == RoundStatus.SignedOff)
        {
            throw new ValidationException("Runden er afsluttet og kan ikke ændres.");
        }
        return round;
    }

    public static async Task<List<ReviewQuestion>> QuestionsAsync(IAppDbContext db, ReviewRound round, CancellationToken ct) =>
        (await db.ReviewQuestions.AsNoTracking().Where(q => q.TemplateId == round.TemplateId).OrderBy(q => q.Order).ToListAsync(ct))
            .Where(q => round.FocusArea is null || q.FocusArea == round.FocusArea).ToList();

    /// <summary>A round's progress: its cases (not swapped out), the leader's answers given, and the answers a sign-off needs.</summary>
    public static async Task<(int Cases, int Answered, int Expected)> ProgressAsync(IAppDbContext db, ReviewRound round, CancellationToken ct)
    {
        var cases = await db.ReviewCases.Where(c => c.RoundId == round.Id && !c.Swapped).Select(c => c.Id).ToListAsync(ct);
        var questions = (await QuestionsAsync(db, round, ct)).Count;
        var answered = await db.ReviewAnswers.CountAsync(a => cases.Contains(a.ReviewCaseId) && a.Stage == AnswerStage.Leader, ct);
        return (cases.Count, answered, cases.Count * questions);
    }

    /// <summary>The cases a team could be reviewed on in a quarter: open at some point in it, with their measure kinds.</summary>
    public static async Task<List<SampleCandidate>> CandidatesAsync(IAppDbContext db, string teamId, int year, int quarter, CancellationToken ct)
    {
        var start = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        var end = start.AddMonths(3).AddDays(-1);
        var cases = await db.Cases.AsNoTracking().Where(c => c.TeamId == teamId && c.OpenedOn <= end && (c.ClosedOn == null || c.ClosedOn >= start))
            .Select(c => new { c.Id, c.CaseworkerId }).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var kinds = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.CaseId) && a.StartOn <= end && (a.EndOn == null || a.EndOn >= start))
            .Select(a => new { a.CaseId, a.Kind }).ToListAsync(ct);
        return cases.Select(c => new SampleCandidate(c.Id, c.CaseworkerId, kinds.Where(k => k.CaseId == c.Id).Select(k => k.Kind).Distinct().Order().ToList())).ToList();
    }
}
