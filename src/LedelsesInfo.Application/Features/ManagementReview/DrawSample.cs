namespace LedelsesInfo.Application.Features.ManagementReview;

/// <summary>Draws the round's cases (once): every caseworker and measure kind not yet reviewed this year first.</summary>
public sealed record DrawSample(long RoundId) : ICommand<IReadOnlyList<DrawnCase>>;

public sealed class DrawSampleHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<DrawSample, IReadOnlyList<DrawnCase>>
{
    public async ValueTask<IReadOnlyList<DrawnCase>> Handle(DrawSample command, CancellationToken ct)
    {
        var round = await RoundRules.LeaderRoundAsync(db, user, clock, command.RoundId, ct);
        var drawn = await db.ReviewCases.Where(c => c.RoundId == round.Id).ToListAsync(ct);
        if (drawn.Count > 0)
        {
            return drawn.Select(DrawnCase.Of).ToList();
        }
        var sample = await SampleAsync(db, round, round.SampleSize, [], ct);
        var cases = sample.Select(s => new ReviewCase { RoundId = round.Id, CaseId = s.CaseId, CaseworkerId = s.CaseworkerId, ActivityKind = s.ActivityKind is { } k ? Code<ActivityKind>.Of(k) : null, Reason = s.Reason }).ToList();
        db.ReviewCases.AddRange(cases);
        round.Status = RoundStatus.InProgress;
        await db.SaveChangesAsync(ct);
        return cases.Select(DrawnCase.Of).ToList();
    }

    /// <summary>Draws with this year's earlier rounds (and the round's own remaining cases) counted as covered.</summary>
    internal static async Task<IReadOnlyList<SampledCase>> SampleAsync(IAppDbContext db, ReviewRound round, int size, IReadOnlyCollection<string> alsoExclude, CancellationToken ct)
    {
        var reviewed = await (from c in db.ReviewCases
                              join r in db.ReviewRounds on c.RoundId equals r.Id
                              where r.TeamId == round.TeamId && r.Year == round.Year && !c.Swapped
                              select new { c.CaseId, c.CaseworkerId, c.ActivityKind }).ToListAsync(ct);
        var candidates = await RoundRules.CandidatesAsync(db, round.TeamId, round.Year, round.Quarter, ct);
        var coveredKinds = candidates.Where(c => reviewed.Any(x => x.CaseId == c.CaseId)).SelectMany(c => c.Kinds).ToHashSet();
        var names = await db.Employees.AsNoTracking().Where(e => e.UnitId == round.TeamId).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return ReviewSampling.Draw(candidates, size, round.Seed, reviewed.Select(x => x.CaseworkerId).ToHashSet(), coveredKinds,
            reviewed.Select(x => x.CaseId).Concat(alsoExclude).ToHashSet(), id => names.GetValueOrDefault(id, id));
    }
}
