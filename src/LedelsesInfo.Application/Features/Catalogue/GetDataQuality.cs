namespace LedelsesInfo.Application.Features.Catalogue;

public sealed record DataQualityIssue(string Code, string Title, string Explanation, IReadOnlyList<(string TeamId, string TeamName, int Count)> PerTeam)
{
    public int Total => PerTeam.Sum(t => t.Count);
}

/// <summary>
/// Data that make key figures wrong or incomplete, counted per team (no cases named): follow-ups without cadence,
/// events before their activity's start, cases whose caseworker is not a caseworker in the case's team, and measures
/// still running on a closed case. A team leader sees only the own team.
/// </summary>
public sealed record GetDataQuality : IQuery<IReadOnlyList<DataQualityIssue>>;

public sealed class GetDataQualityHandler(IAppDbContext db, ICurrentUser user) : IQueryHandler<GetDataQuality, IReadOnlyList<DataQualityIssue>>
{
    public async ValueTask<IReadOnlyList<DataQualityIssue>> Handle(GetDataQuality query, CancellationToken cancellationToken)
    {
        var visible = await Scope.VisibleUnitIdsAsync(db, user, cancellationToken);
        var teams = await db.OrgUnits.AsNoTracking().Where(u => u.Level == UnitLevel.Team && visible.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var activities = from a in db.Activities
                         join c in db.Cases on a.CaseId equals c.Id
                         where visible.Contains(c.TeamId)
                         select new { a, c };

        var noCadence = await (from x in activities
                               where db.ActivityEvents.Any(e => e.ActivityId == x.a.Id && e.Kind == ActivityEventKind.FollowUp && e.NextFollowUpMonths == null)
                               group x by x.c.TeamId into g
                               select new { Team = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var beforeStart = await (from x in activities
                                 where db.ActivityEvents.Any(e => e.ActivityId == x.a.Id && e.OccurredOn < x.a.StartOn)
                                 group x by x.c.TeamId into g
                                 select new { Team = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var wrongCaseworker = await (from c in db.Cases
                                     where visible.Contains(c.TeamId) && c.ClosedOn == null
                                        && !db.Employees.Any(e => e.Id == c.CaseworkerId && e.UnitId == c.TeamId && e.Role == EmployeeRole.Caseworker)
                                     group c by c.TeamId into g
                                     select new { Team = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var runningOnClosed = await (from x in activities
                                     where x.c.ClosedOn != null && (x.a.EndOn == null || x.a.EndOn > x.c.ClosedOn)
                                     group x by x.c.TeamId into g
                                     select new { Team = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        DataQualityIssue Issue(string code, string title, string explanation, IEnumerable<(string Team, int Count)> rows) =>
            new(code, title, explanation, rows.Where(r => teams.ContainsKey(r.Team)).Select(r => (r.Team, teams[r.Team], r.Count)).OrderBy(r => r.Item2).ToList());

        return
        [
            Issue("kadence", "Opfølgning uden kadence", "Indsatser med en opfølgning, hvor der ikke er fastsat, hvornår der næste gang skal følges op. Kæden af opfølgningsfrister stopper, så F1 mangler frister.",
                noCadence.Select(r => (r.Team, r.Count))),
            Issue("foer_start", "Hændelser før indsatsens start", "Indsatser med en plan, opfølgning, tilsynsbesøg eller samtale dateret før indsatsens startdato. De tæller ikke som svar på en frist.",
                beforeStart.Select(r => (r.Team, r.Count))),
            Issue("sagsbehandler", "Åbne sager uden sagsbehandler i teamet", "Åbne sager, hvis sagsbehandler ikke er registreret som sagsbehandler i sagens team. Sagstallet (S1) og lister pr. sagsbehandler bliver skæve.",
                wrongCaseworker.Select(r => (r.Team, r.Count))),
            Issue("lukket_sag", "Indsatser, der løber efter sagen er lukket", "Indsatser uden slutdato eller med slutdato efter sagens lukning. Anbringelser tælles med i A1 og A2 og fristerne bliver ved.",
                runningOnClosed.Select(r => (r.Team, r.Count))),
        ];
    }
}
