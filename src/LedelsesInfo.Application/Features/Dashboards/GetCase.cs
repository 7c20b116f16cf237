namespace LedelsesInfo.Application.Features.Dashboards;

/// <summary>One case as its page shows it: the case, its measures and events, its deadlines as of <paramref name="Day"/>.</summary>
public sealed record CaseDetails(CaseSummary Case, string TeamName, string CaseworkerName, IReadOnlyList<CaseActivity> Activities, IReadOnlyList<CaseEvent> Events,
    IReadOnlyList<CaseDeadline> Deadlines, DateOnly Day);

public sealed record CaseSummary(string Id, DateOnly BirthDate, DateOnly OpenedOn, DateOnly? ClosedOn);

public sealed record CaseActivity(string Id, ActivityKind Kind, string Paragraph, DateOnly DecidedOn, DateOnly StartOn, DateOnly? EndOn, decimal? MonthlyPrice);

public sealed record CaseEvent(string ActivityId, ActivityEventKind Kind, DateOnly OccurredOn, int? NextFollowUpMonths);

public sealed record CaseDeadline(DeadlineKind Kind, int K, string SourceId, DateOnly Due, DateOnly? DoneOn);

/// <summary>One case, for its own caseworker or the team leader of its team; anyone else gets a refusal, and the attempt is logged.</summary>
public sealed record GetCase(string CaseId) : IQuery<CaseDetails>;

/// <summary>A case id is an id of at most 64 characters: anything longer is refused before it is looked up, or logged as a case.</summary>
public sealed class GetCaseValidator : AbstractValidator<GetCase>
{
    public const int MaxIdLength = 64;

    public GetCaseValidator() =>
        RuleFor(q => q.CaseId).NotEmpty().MaximumLength(MaxIdLength).WithMessage($"Et sagsnummer er højst {MaxIdLength} tegn.");
}

public sealed class GetCaseHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetCase, CaseDetails>
{
    public const string Page = "Sag";

    public async ValueTask<CaseDetails> Handle(GetCase query, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.CaseId, ct);
        var allowed = c is not null && user.Audience switch
        {
            Audience.Caseworker => c.CaseworkerId == user.EmployeeId,
            Audience.TeamLeader => c.TeamId == user.UnitId,
            _ => false,
        };
        if (!allowed)
        {
            throw await AccessLog.DenyAsync(db, user, clock, Page, query.CaseId, $"sagen {query.CaseId}", ct);
        }
        var asOf = await Figures.ResolveAsOfAsync(db, null, ct) ?? clock.Today;
        var activities = await db.Activities.AsNoTracking().Where(a => a.CaseId == c!.Id).OrderBy(a => a.StartOn)
            .Select(a => new CaseActivity(a.Id, a.Kind, a.Paragraph, a.DecidedOn, a.StartOn, a.EndOn, a.MonthlyPrice)).ToListAsync(ct);
        var ids = activities.Select(a => a.Id).ToList();
        var events = await db.ActivityEvents.AsNoTracking().Where(e => ids.Contains(e.ActivityId)).OrderBy(e => e.OccurredOn)
            .Select(e => new CaseEvent(e.ActivityId, e.Kind, e.OccurredOn, e.NextFollowUpMonths)).ToListAsync(ct);
        var deadlines = await db.Deadlines.AsNoTracking().Where(d => d.AsOf == asOf && d.CaseId == c!.Id).OrderBy(d => d.Due)
            .Select(d => new CaseDeadline(d.Kind, d.K, d.SourceId, d.Due, d.DoneOn)).ToListAsync(ct);
        var team = await db.OrgUnits.Where(u => u.Id == c!.TeamId).Select(u => u.Name).SingleAsync(ct);
        var caseworker = await db.Employees.Where(e => e.Id == c!.CaseworkerId).Select(e => e.Name).SingleAsync(ct);
        await AccessLog.WriteAsync(db, user, clock, Page, AccessLog.Shown, [c!.Id], ct);
        return new CaseDetails(new CaseSummary(c.Id, c.BirthDate, c.OpenedOn, c.ClosedOn), team, caseworker, activities, events, deadlines, asOf);
    }
}
