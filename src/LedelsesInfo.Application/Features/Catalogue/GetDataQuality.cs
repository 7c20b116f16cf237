using LedelsesInfo.Application.Caching;

namespace LedelsesInfo.Application.Features.Catalogue;

/// <summary>One case behind a data-quality count: the case, the activity where there is one, and what is wrong with it.</summary>
public sealed record DataQualityCase(string CaseId, string? ActivityId, string TeamId, string What);

/// <summary>A data-quality rule: its count per team, what to correct in the case system, and the cases (for those who may see them).</summary>
public sealed record DataQualityIssue(string Code, string Title, string Explanation, string Correction,
    IReadOnlyList<(string TeamId, string TeamName, int Count)> PerTeam, IReadOnlyList<DataQualityCase> Cases)
{
    public int Total => PerTeam.Sum(t => t.Count);
}

public sealed record DataQuality(IReadOnlyList<DataQualityIssue> Issues, bool ShowsCases, CaseAccess Access) : IShowsCases;

/// <summary>
/// Data that make key figures wrong or incomplete, counted per team: follow-ups without cadence, follow-ups and supervisory
/// visits dated on or before their activity's start (they cannot answer a deadline; the child's views before the decision
/// and a plan made before the start are correct practice and not counted), open cases whose caseworker is not a caseworker
/// in the case's team, and measures still running on a closed case. A team leader sees the own team with the cases behind
/// each count, so they can be corrected in the case system, and every case shown is logged; management and administrators
/// see the counts per team, no cases.
/// </summary>
public sealed record GetDataQuality : IQuery<DataQuality>;

public sealed class GetDataQualityHandler(IAppDbContext db, ICurrentUser user) : IQueryHandler<GetDataQuality, DataQuality>
{
    public const string Page = "Datakvalitet";

    public async ValueTask<DataQuality> Handle(GetDataQuality query, CancellationToken cancellationToken)
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
                               orderby x.c.Id, x.a.Id
                               select new DataQualityCase(x.c.Id, x.a.Id, x.c.TeamId, "opfølgning uden kadence")).ToListAsync(cancellationToken);
        var beforeStart = await (from x in activities
                                 where db.ActivityEvents.Any(e => e.ActivityId == x.a.Id && e.OccurredOn <= x.a.StartOn
                                     && (e.Kind == ActivityEventKind.FollowUp || e.Kind == ActivityEventKind.SupervisoryVisit))
                                 orderby x.c.Id, x.a.Id
                                 select new DataQualityCase(x.c.Id, x.a.Id, x.c.TeamId, "opfølgning eller tilsynsbesøg dateret før indsatsens start")).ToListAsync(cancellationToken);
        var wrongCaseworker = await (from c in db.Cases
                                     where visible.Contains(c.TeamId) && c.ClosedOn == null
                                        && !db.Employees.Any(e => e.Id == c.CaseworkerId && e.UnitId == c.TeamId && e.Role == EmployeeRole.Caseworker)
                                     orderby c.Id
                                     select new DataQualityCase(c.Id, null, c.TeamId, "sagsbehandleren " + c.CaseworkerId + " er ikke sagsbehandler i teamet")).ToListAsync(cancellationToken);
        var runningOnClosed = await (from x in activities
                                     where x.c.ClosedOn != null && (x.a.EndOn == null || x.a.EndOn > x.c.ClosedOn)
                                     orderby x.c.Id, x.a.Id
                                     select new DataQualityCase(x.c.Id, x.a.Id, x.c.TeamId, "indsatsen løber efter sagens lukning")).ToListAsync(cancellationToken);
        var placements = Enum.GetValues<ActivityKind>().Where(ActivityKinds.IsPlacement).ToList();
        var endedWithoutReason = await (from x in activities
                                        where placements.Contains(x.a.Kind) && x.a.EndOn != null && x.a.EndReason == null
                                        orderby x.c.Id, x.a.Id
                                        select new DataQualityCase(x.c.Id, x.a.Id, x.c.TeamId, "anbringelsen er afsluttet uden slutårsag")).ToListAsync(cancellationToken);

        // Deadlines a caseworker or team leader marked as wrong in the data, whose newest mark says so and which the newest
        // snapshot still shows open (an import that shows the deadline done, or a later mark, takes it off the list).
        var asOf = await KpiQueries.LatestAsOfAsync(db, cancellationToken);
        var marks = await (from m in db.DeadlineMarks
                           join c in db.Cases on m.CaseId equals c.Id
                           where visible.Contains(c.TeamId)
                           select new { m.Id, m.CaseId, m.Kind, m.SourceId, m.K, m.Mark, m.Note, c.TeamId }).ToListAsync(cancellationToken);
        var newestMarks = marks.GroupBy(m => (m.CaseId, m.Kind, m.SourceId, m.K)).Select(g => g.MaxBy(m => m.Id)!).Where(m => m.Mark == DeadlineMarkKind.DataError).ToList();
        var markedCases = newestMarks.Select(m => m.CaseId).Distinct().ToList();
        var stillOpen = (await db.Deadlines.AsNoTracking().Where(d => d.AsOf == asOf && markedCases.Contains(d.CaseId) && d.DoneOn == null)
            .Select(d => new { d.CaseId, d.Kind, d.SourceId, d.K }).ToListAsync(cancellationToken)).ToHashSet();
        var markedWrong = newestMarks.Where(m => stillOpen.Contains(new { m.CaseId, m.Kind, m.SourceId, m.K }))
            .OrderBy(m => m.CaseId, StringComparer.Ordinal)
            .Select(m => new DataQualityCase(m.CaseId, m.Kind is DeadlineKind.FollowUp or DeadlineKind.SupervisoryVisit ? m.SourceId : null, m.TeamId,
                $"{Danish.Name(m.Kind).ToLowerInvariant()} markeret som fejl i data: {m.Note}")).ToList();

        var showsCases = user.Audience == Audience.TeamLeader;
        DataQualityIssue Issue(string code, string title, string explanation, string correction, List<DataQualityCase> cases)
        {
            var mine = cases.Where(c => teams.ContainsKey(c.TeamId)).ToList();
            var perTeam = mine.GroupBy(c => c.TeamId).Select(g => (g.Key, teams[g.Key], g.Count())).OrderBy(r => r.Item2).ToList();
            return new(code, title, explanation, correction, perTeam, showsCases ? mine : []);
        }

        var issues = new List<DataQualityIssue>
        {
            Issue("kadence", "Opfølgning uden kadence",
                "Indsatser med en opfølgning, hvor der ikke er fastsat, hvornår der næste gang skal følges op. Kæden af opfølgningsfrister stopper, så F1 mangler frister.",
                "Skriv i fagsystemet, hvornår der næste gang skal følges op (antal måneder), på den seneste opfølgning.", noCadence),
            Issue("foer_start", "Opfølgning eller tilsynsbesøg før indsatsens start",
                "Indsatser med en opfølgning eller et tilsynsbesøg dateret på eller før indsatsens startdato. De kan ikke være svar på en frist, så F1 og T1 regner fristen som ikke overholdt. Barnets synspunkter før afgørelsen og en plan lagt før starten er god praksis og tælles ikke her.",
                "Ret datoen på opfølgningen eller tilsynsbesøget, eller indsatsens startdato, så de passer med det, der skete.", beforeStart),
            Issue("sagsbehandler", "Åbne sager uden sagsbehandler i teamet",
                "Åbne sager, hvis sagsbehandler ikke er registreret som sagsbehandler i sagens team. Sagstallet (S1) og lister pr. sagsbehandler bliver skæve.",
                "Giv sagen en sagsbehandler fra teamet, eller flyt sagen til sagsbehandlerens team.", wrongCaseworker),
            Issue("lukket_sag", "Indsatser, der løber efter sagen er lukket",
                "Indsatser uden slutdato eller med slutdato efter sagens lukning. Anbringelser tælles med i A1 og A2 og fristerne bliver ved.",
                "Afslut indsatsen med en slutdato senest på sagens lukkedato, eller genåbn sagen, hvis indsatsen fortsætter.", runningOnClosed),
            Issue("slutaarsag", "Anbringelser afsluttet uden slutårsag",
                "Anbringelser med en slutdato, men uden årsag til, at de sluttede (planlagt, sammenbrud, flytning, myndighedsalder eller andet). E2 (sammenbrud i anbringelser) tæller dem som sluttet, men ikke som sammenbrud, så andelen kan være for lav.",
                "Registrér slutårsagen på anbringelsen i fagsystemet.", endedWithoutReason),
            Issue("markeret_fejl", "Frister markeret som fejl i data",
                "Frister, som sagsbehandleren eller teamlederen har markeret som fejl i data fra listen over ugens frister, med deres note. Markeringen ændrer ikke nøgletallene; fristen tæller, som data viser den, indtil data er rettet.",
                "Ret det, noten peger på, i fagsystemet. Fristen forsvinder herfra, når en indlæsning viser den overholdt, eller når den markeres på ny.", markedWrong),
        };
        return new DataQuality(issues, showsCases,
            new CaseAccess(Page, AccessLog.Shown, issues.SelectMany(i => i.Cases).Select(c => c.CaseId).Distinct().ToList()));
    }
}
