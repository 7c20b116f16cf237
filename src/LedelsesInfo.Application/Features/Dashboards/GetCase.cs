using LedelsesInfo.Application.Features.AccessLogs;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Caching;
using LedelsesInfo.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Application.Features.Dashboards;

public sealed record CaseDetails(Case Case, string TeamName, string CaseworkerName, IReadOnlyList<Activity> Activities, IReadOnlyList<ActivityEvent> Events,
    IReadOnlyList<DeadlineInstance> Deadlines, DateOnly Day);

/// <summary>One case, for its own caseworker or the team leader of its team; anyone else gets a refusal, and the attempt is logged.</summary>
public sealed record GetCase(string CaseId) : IQuery<CaseDetails>;

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
        var activities = await db.Activities.AsNoTracking().Where(a => a.CaseId == c!.Id).OrderBy(a => a.StartOn).ToListAsync(ct);
        var ids = activities.Select(a => a.Id).ToList();
        var events = await db.ActivityEvents.AsNoTracking().Where(e => ids.Contains(e.ActivityId)).OrderBy(e => e.OccurredOn).ToListAsync(ct);
        var deadlines = await db.Deadlines.AsNoTracking().Where(d => d.AsOf == asOf && d.CaseId == c!.Id).OrderBy(d => d.Due).ToListAsync(ct);
        var team = await db.OrgUnits.Where(u => u.Id == c!.TeamId).Select(u => u.Name).SingleAsync(ct);
        var caseworker = await db.Employees.Where(e => e.Id == c!.CaseworkerId).Select(e => e.Name).SingleAsync(ct);
        await AccessLog.WriteAsync(db, user, clock, Page, AccessLog.Shown, [c!.Id], ct);
        return new CaseDetails(c, team, caseworker, activities, events, deadlines, asOf);
    }
}
