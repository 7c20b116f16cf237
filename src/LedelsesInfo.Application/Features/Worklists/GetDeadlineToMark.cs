using LedelsesInfo.Application.Caching;

namespace LedelsesInfo.Application.Features.Worklists;

/// <summary>The deadline a mark is about to be set on, with its newest mark, for the marking form.</summary>
public sealed record DeadlineToMark(DeadlineRef Deadline, DateOnly Due, DateOnly? DoneOn, DeadlineMarkView? Current, CaseAccess Access) : IShowsCases;

/// <summary>A deadline of one's own case (or the own team's) to mark; anything else is refused and logged. The case shown is logged.</summary>
public sealed record GetDeadlineToMark(string CaseId, string Kind, string SourceId, int K) : IQuery<DeadlineToMark>, INamesDeadline;

public sealed class GetDeadlineToMarkValidator : AbstractValidator<GetDeadlineToMark>
{
    public GetDeadlineToMarkValidator() => Include(new NamesDeadlineValidator());
}

public sealed class GetDeadlineToMarkHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetDeadlineToMark, DeadlineToMark>
{
    public const string Page = "Markér frist";

    public async ValueTask<DeadlineToMark> Handle(GetDeadlineToMark query, CancellationToken ct)
    {
        var kind = Code<DeadlineKind>.Parse(query.Kind);
        var deadline = await MarkableDeadline.FindAsync(db, user, query.CaseId, kind, query.SourceId, query.K, ct)
            ?? throw await AccessLog.DenyAsync(db, user, clock, Page, query.CaseId, $"fristen på sag {query.CaseId}", ct);
        var current = await db.DeadlineMarks.AsNoTracking()
            .Where(m => m.CaseId == query.CaseId && m.Kind == kind && m.SourceId == query.SourceId && m.K == query.K)
            .OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct);
        return new DeadlineToMark(new(query.CaseId, kind, query.SourceId, query.K), deadline.Due, deadline.DoneOn,
            current is null ? null : DeadlineMarkView.Of(current), new CaseAccess(Page, AccessLog.Shown, [query.CaseId]));
    }
}
