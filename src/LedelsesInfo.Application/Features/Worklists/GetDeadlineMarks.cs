namespace LedelsesInfo.Application.Features.Worklists;

/// <summary>A deadline as the engine names it: kind, the examination or activity it belongs to, and its place in a chain.</summary>
public readonly record struct DeadlineRef(string CaseId, DeadlineKind Kind, string SourceId, int K);

/// <summary>The newest mark on a deadline, as the worklists show it beside the deadline.</summary>
public sealed record DeadlineMarkView(DeadlineRef Deadline, DeadlineMarkKind Mark, DateOnly? On, string? Note, string SetBy, DateTime SetAt)
{
    public static DeadlineMarkView Of(DeadlineMark m) => new(new(m.CaseId, m.Kind, m.SourceId, m.K), m.Mark, m.On, m.Note, m.SetBy, m.SetAt);
}

/// <summary>The marks on the deadlines the user's worklist shows, and a stamp that changes whenever one is set.</summary>
public sealed record DeadlineMarks(IReadOnlyDictionary<DeadlineRef, DeadlineMarkView> Newest, long Stamp)
{
    public DeadlineMarkView? For(string caseId, DeadlineKind kind, string sourceId, int k) => Newest.GetValueOrDefault(new(caseId, kind, sourceId, k));
}

/// <summary>
/// The newest mark on each deadline of the user's cases (a caseworker's own, a team leader's team's), beside the cached
/// worklist: a mark moves the version of what is written beside the figures, not the data version, so no cached figure
/// is thrown away for it; this answer is cached by both (<see cref="ICachedQuery.ReadsWriting"/>). A mark
/// whose deadline an import has shown done is not shown, because the worklist no longer lists the deadline.
/// </summary>
public sealed record GetDeadlineMarks : IQuery<DeadlineMarks>, ICachedQuery
{
    public CacheScope Scope => CacheScope.Person;

    public bool ReadsWriting => true;

    public bool TakesTurn => false;
}

public sealed class GetDeadlineMarksHandler(IAppDbContext db, ICurrentUser user) : IQueryHandler<GetDeadlineMarks, DeadlineMarks>
{
    public async ValueTask<DeadlineMarks> Handle(GetDeadlineMarks query, CancellationToken ct)
    {
        IQueryable<string> cases = user.Audience switch
        {
            Audience.Caseworker when user.EmployeeId is { } me => db.Cases.Where(c => c.CaseworkerId == me).Select(c => c.Id),
            Audience.TeamLeader when user.UnitId is { } team => db.Cases.Where(c => c.TeamId == team).Select(c => c.Id),
            _ => db.Cases.Where(c => false).Select(c => c.Id),
        };
        var marks = await db.DeadlineMarks.AsNoTracking().Where(m => cases.Contains(m.CaseId)).OrderBy(m => m.Id).ToListAsync(ct);
        var newest = new Dictionary<DeadlineRef, DeadlineMarkView>();
        foreach (var m in marks)
        {
            newest[new(m.CaseId, m.Kind, m.SourceId, m.K)] = DeadlineMarkView.Of(m);
        }
        return new DeadlineMarks(newest, marks.Count == 0 ? 0 : marks[^1].Id);
    }
}
