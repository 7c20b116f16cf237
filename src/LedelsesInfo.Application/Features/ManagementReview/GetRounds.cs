namespace LedelsesInfo.Application.Features.ManagementReview;

public sealed record RoundSummary(long Id, int Quarter, ReviewMode Mode, string? FocusArea, RoundStatus Status, int Cases, int Answered, int Expected);

public sealed record TeamYear(string TeamName, int Year, IReadOnlyList<RoundSummary> Rounds, IReadOnlyList<string> FocusAreas);

/// <summary>The team leader's annual wheel: the year's rounds with their progress.</summary>
public sealed record GetRounds(int Year) : IQuery<TeamYear>;

public sealed class GetRoundsValidator : AbstractValidator<GetRounds>
{
    public GetRoundsValidator() => RuleFor(q => q.Year).InclusiveBetween(2000, 2100).WithMessage("Året skal være mellem 2000 og 2100.");
}

public sealed class GetRoundsHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetRounds, TeamYear>
{
    public async ValueTask<TeamYear> Handle(GetRounds query, CancellationToken ct)
    {
        if (user.Audience != Audience.TeamLeader || user.UnitId is null)
        {
            throw await AccessLog.DenyAsync(db, user, clock, RoundRules.Page, null, "teamets tilsynsrunder", ct);
        }
        var team = await db.OrgUnits.Where(u => u.Id == user.UnitId).Select(u => u.Name).SingleAsync(ct);
        var rounds = await db.ReviewRounds.AsNoTracking().Where(r => r.TeamId == user.UnitId && r.Year == query.Year).OrderBy(r => r.Quarter).ToListAsync(ct);
        var summaries = new List<RoundSummary>();
        foreach (var r in rounds)
        {
            var (cases, answered, expected) = await RoundRules.ProgressAsync(db, r, ct);
            summaries.Add(new RoundSummary(r.Id, r.Quarter, r.Mode, r.FocusArea, r.Status, cases, answered, expected));
        }
        var focus = await db.ReviewQuestions.Where(q => q.FocusArea != null).Select(q => q.FocusArea!).Distinct().OrderBy(f => f).ToListAsync(ct);
        return new TeamYear(team, query.Year, summaries, focus);
    }
}
