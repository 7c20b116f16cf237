using LedelsesInfo.Application.Caching;

namespace LedelsesInfo.Application.Features.Dashboards;

public sealed record MyCase(string CaseId, int Age, DateOnly OpenedOn, IReadOnlyList<DeadlineRow> OpenDeadlines, DeadlineKind? NextKind, DateOnly? NextDue, DeadlineState? NextState,
    IReadOnlyList<MyActivity> Activities, IReadOnlyList<string> Missing);

public sealed record MyActivity(string ActivityId, ActivityKind Kind, string Paragraph, decimal? MonthlyPrice, int? Cadence, DateOnly StartOn);

public sealed record MyCases(DateOnly? AsOf, IReadOnlyList<DateOnly> Snapshots, DateOnly Day, IReadOnlyList<DeadlineRow> Work, WorkCounts Counts, IReadOnlyList<MyCase> Cases, TableData Table, TableData Compliance, string ComplianceSummary,
    CaseAccess Access) : IShowsCases
{
    /// <summary>Goal attainment (E1's rule) at the own follow-ups over the last 12 months against the team's.</summary>
    public TableData? Results { get; init; }

    public string ResultsSummary { get; init; } = "";
}

/// <summary>
/// The caseworker's own caseload: each open case with its next deadline, its active measures with monthly price and
/// follow-up cadence, what is missing, and the caseworker's own compliance against the team's. Every case shown is logged,
/// each time the answer is served (<see cref="IShowsCases"/>).
/// </summary>
public sealed record GetMyCases(DateOnly? AsOf = null, string? Export = null) : IQuery<MyCases>, ICachedQuery
{
    public CacheScope Scope => CacheScope.Person;

    public async ValueTask<ICachedQuery> CanonicalAsync(SharedReads index, ICurrentUser user, CancellationToken ct) =>
        await index.AsOfAsync(AsOf, ct) is { } asOf ? this with { AsOf = asOf } : this;
}

public sealed class GetMyCasesHandler(IAppDbContext db, SharedReads reads, ICurrentUser user, IClock clock) : IQueryHandler<GetMyCases, MyCases>
{
    /// <summary>The caseworker's cases: the one table of the page that names cases.</summary>
    public const string CasesTableName = "mine-sager";

    public const string Page = "Sagsbehandler: mine sager";

    public async ValueTask<MyCases> Handle(GetMyCases query, CancellationToken ct)
    {
        if (user.Audience != Audience.Caseworker || user.EmployeeId is null)
        {
            throw await AccessLog.DenyAsync(db, user, clock, Page, null, "en sagsbehandlers sager", ct);
        }
        var me = user.EmployeeId;
        var asOf = await reads.AsOfAsync(query.AsOf, ct) ?? clock.Today;
        var day = asOf;
        var cases = await db.Cases.AsNoTracking().Where(c => c.CaseworkerId == me && c.OpenedOn <= day && (c.ClosedOn == null || c.ClosedOn >= day))
            .OrderBy(c => c.Id).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        // Only the deadlines not done by the day: every use below (the list, the next deadline, the overdue count) is of those.
        var deadlines = await db.Deadlines.AsNoTracking().Where(d => d.AsOf == asOf && ids.Contains(d.CaseId) && (d.DoneOn == null || d.DoneOn > day)).ToListAsync(ct);
        var activities = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.CaseId) && a.StartOn <= day && (a.EndOn == null || a.EndOn >= day)).ToListAsync(ct);
        var activityIds = activities.Select(a => a.Id).ToList();
        var events = await db.ActivityEvents.AsNoTracking().Where(e => activityIds.Contains(e.ActivityId) && e.OccurredOn <= day).ToListAsync(ct);

        var myName = (await reads.EmployeesAsync(ct)).TryGetValue(me, out var person) ? person.Name : me;
        // Every deadline not done by the day (all that were read), named (kind, date, days), in working order.
        var open = Worklist.InWorkingOrder(deadlines, day, d => d.Due, d => d.CaseId)
            .Select(d => new DeadlineRow(d.CaseId, d.Kind, d.SourceId, d.K, d.Due, day.DayNumber - d.Due.DayNumber, me, myName, Domain.Deadlines.StateOf(d.Due, null, day),
                Worklist.GroupOf(d.Due, day), Worklist.ActBy(d.Due), Worklist.IsToday(d.Due, day)))
            .ToList();
        var work = open.Where(d => d.Due <= day.AddDays(Domain.Deadlines.DueSoonDays)).ToList();

        var result = cases.Select(c =>
        {
            var next = deadlines.Where(d => d.CaseId == c.Id).OrderBy(d => d.Due).FirstOrDefault();
            var caseOpen = open.Where(d => d.CaseId == c.Id).OrderBy(d => d.Due).ToList();
            var measures = activities.Where(a => a.CaseId == c.Id).OrderBy(a => a.StartOn).Select(a => new MyActivity(a.Id, a.Kind, a.Paragraph, a.MonthlyPrice,
                events.Where(e => e.ActivityId == a.Id && e.Kind == ActivityEventKind.FollowUp).OrderByDescending(e => e.OccurredOn).Select(e => e.NextFollowUpMonths).FirstOrDefault(),
                a.StartOn)).ToList();
            return new MyCase(c.Id, Age(c.BirthDate, day), c.OpenedOn, caseOpen, next?.Kind, next?.Due, next is null ? null : Domain.Deadlines.StateOf(next.Due, null, day), measures,
                Missing(activities.Where(a => a.CaseId == c.Id).ToList(), events, deadlines.Where(d => d.CaseId == c.Id).ToList(), day));
        })
            // The cases in working order too: those with the most pressing deadline first, those with none last.
            .OrderBy(c => work.Where(d => d.CaseId == c.CaseId).Select(d => (int?)d.Group).Min() ?? int.MaxValue)
            .ThenBy(c => c.NextDue ?? DateOnly.MaxValue).ThenBy(c => c.CaseId, StringComparer.Ordinal)
            .ToList();

        var table = new TableData(CasesTableName, $"Mine åbne sager pr. {Danish.Date(day)}",
            [new("Sag"), new("Barnets alder", ColumnKind.Number), new("Åbne frister"), new("Næste fristdato", ColumnKind.Date), new("Indsatser"), new("Månedlig pris i alt", ColumnKind.Money), new("Mangler")],
            result.Select(r => (object?[])[r.CaseId, r.Age, r.OpenDeadlines.Count == 0 ? "Ingen" : string.Join("; ", r.OpenDeadlines.Select(o => $"{Danish.Name(o.Kind)} {Danish.Date(o.Due)} ({Danish.Days(o.Due, day)})")), r.NextDue,
                string.Join(", ", r.Activities.Select(m => $"{Danish.Name(m.Kind)} {m.Paragraph}" + (m.Cadence is { } cad ? $" (opfølgning hver {cad}. måned)" : ""))),
                r.Activities.Sum(m => m.MonthlyPrice ?? 0), r.Missing.Count == 0 ? "" : string.Join("; ", r.Missing)]).ToList());

        // Own compliance against the team's over the same 12 weeks as the team leader's page (TwelveWeeks).
        var team = user.UnitId;
        var window = TwelveWeeks.Ending(day);
        // The team's, the same for each of its caseworkers: read once per team and day.
        var due = await reads.GetAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"team-deadlines|{asOf:yyyy-MM-dd}|{team}|{window.From:yyyy-MM-dd}|{window.To:yyyy-MM-dd}"),
            async (d, c) => (IReadOnlyList<TeamDeadline>)await d.Deadlines.AsNoTracking().Where(x => x.AsOf == asOf && x.TeamId == team && x.Due >= window.From && x.Due <= window.To)
                .Select(x => new TeamDeadline(x.CaseworkerId, x.Due, x.DoneOn)).ToListAsync(c), ct);
        var mine = due.Where(d => d.CaseworkerId == me).ToList();
        var mineMet = mine.Count(d => d.DoneOn <= d.Due);
        var teamMet = due.Count(d => d.DoneOn <= d.Due);
        var compliance = new TableData("overholdelse", $"Overholdte frister, {window.Name}",
            [new("Hvem"), new("Overholdt", ColumnKind.Number), new("Frister", ColumnKind.Number), new("Andel", ColumnKind.Percent)],
            [["Mig", mineMet, mine.Count, Figures.Share(mineMet, mine.Count)], ["Teamet", teamMet, due.Count, Figures.Share(teamMet, due.Count)]]);
        var summary = mine.Count == 0 ? $"Du har ingen frister i de 12 uger {window.Name}."
            : $"I de 12 uger {window.Name} har du overholdt {mineMet} af {mine.Count} frister ({Figures.Percent(Figures.Share(mineMet, mine.Count))}); teamet {teamMet} af {due.Count} ({Figures.Percent(Figures.Share(teamMet, due.Count))}).";
        var (results, resultsSummary) = await ResultsAsync(me, team, day, ct);
        return new MyCases(asOf, await reads.SnapshotsAsync(ct), day, work, WorkCounts.Of(work.Select(d => d.Due), day), result, table, compliance, summary,
            new CaseAccess(Page, query.Export is null ? AccessLog.Shown : AccessLog.Exported, query.Export is null or CasesTableName ? ids : []))
        {
            Results = results, ResultsSummary = resultsSummary,
        };
    }

    /// <summary>
    /// The link between measures and results in the own cases: of the follow-ups in the 12 months up to the day whose goal
    /// was assessed, how many found it reached, partly or not, by E1's rule, for the caseworker's own cases (open or
    /// closed) and for the team's.
    /// </summary>
    private async Task<(TableData, string)> ResultsAsync(string me, string? team, DateOnly day, CancellationToken ct)
    {
        var since = day.AddMonths(-12);
        // The team's assessed follow-ups, the same for each of its caseworkers: read once per team and day.
        var assessed = await reads.GetAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"team-results|{team}|{day:yyyy-MM-dd}"),
            async (d, c) => (IReadOnlyList<Assessed>)await (from e in d.ActivityEvents
                                                         join a in d.Activities on e.ActivityId equals a.Id
                                                         join k in d.Cases on a.CaseId equals k.Id
                                                         where k.TeamId == team && e.Kind == ActivityEventKind.FollowUp && e.GoalAttained != null && e.OccurredOn > since && e.OccurredOn <= day
                                                         select new Assessed(k.CaseworkerId, e.GoalAttained)).ToListAsync(c), ct);
        object?[] Row(string who, IReadOnlyCollection<GoalAttained?> goals)
        {
            var yes = goals.Count(g => g == GoalAttained.Yes);
            return [who, yes, goals.Count(g => g == GoalAttained.Partly), goals.Count(g => g == GoalAttained.No), goals.Count, Figures.Share(yes, goals.Count)];
        }
        var mine = assessed.Where(x => x.CaseworkerId == me).Select(x => x.GoalAttained).ToList();
        var all = assessed.Select(x => x.GoalAttained).ToList();
        var table = new TableData("maalopfyldelse", $"Indsatsernes mål ved opfølgningerne de seneste 12 måneder (til og med {Danish.Date(day)})",
            [new("Hvem"), new("Mål nået", ColumnKind.Number), new("Delvist nået", ColumnKind.Number), new("Ikke nået", ColumnKind.Number),
             new("Vurderede opfølgninger", ColumnKind.Number), new($"{KpiCatalogue.E1.Code} andel mål nået", ColumnKind.Percent)],
            [Row("Mine sager", mine), Row("Teamet", all)]);
        var summary = mine.Count == 0
            ? "Der er ingen opfølgninger med en vurdering af målet i dine sager de seneste 12 måneder."
            : $"Ved {mine.Count} opfølgninger i dine sager de seneste 12 måneder var indsatsens mål nået {mine.Count(g => g == GoalAttained.Yes)} gange ({Figures.Percent(Figures.Share(mine.Count(g => g == GoalAttained.Yes), mine.Count))}) og delvist nået {mine.Count(g => g == GoalAttained.Partly)} gange; i teamet som helhed var målet nået ved {Figures.Percent(Figures.Share(all.Count(g => g == GoalAttained.Yes), all.Count))}.";
        return (table, summary);
    }

    private static int Age(DateOnly birth, DateOnly day) => day.Year - birth.Year - (day < birth.AddYears(day.Year - birth.Year) ? 1 : 0);

    /// <summary>What the law expects that the data do not show yet.</summary>
    internal static List<string> Missing(List<Activity> activities, List<ActivityEvent> events, List<DeadlineInstance> deadlines, DateOnly day)
    {
        var missing = new List<string>();
        foreach (var a in activities)
        {
            var own = events.Where(e => e.ActivityId == a.Id).ToList();
            if (ActivityKinds.IsPlacement(a.Kind) && !own.Any(e => e.Kind == ActivityEventKind.Plan))
            {
                missing.Add($"barnets plan ({a.Id})");
            }
            if (!own.Any(e => e.Kind == ActivityEventKind.ChildViews && e.OccurredOn <= a.DecidedOn))
            {
                missing.Add($"barnets synspunkter før afgørelsen ({a.Id})");
            }
            if (own.Any(e => e.Kind == ActivityEventKind.FollowUp) && own.Where(e => e.Kind == ActivityEventKind.FollowUp).OrderBy(e => e.OccurredOn).Last().NextFollowUpMonths is null)
            {
                missing.Add($"kadence for næste opfølgning ({a.Id})");
            }
        }
        var overdue = deadlines.Count(d => (d.DoneOn == null || d.DoneOn > day) && d.Due < day);
        if (overdue > 0)
        {
            missing.Add(overdue == 1 ? "1 overskredet frist" : $"{overdue} overskredne frister");
        }
        return missing;
    }

    private sealed record TeamDeadline(string CaseworkerId, DateOnly Due, DateOnly? DoneOn);

    private sealed record Assessed(string CaseworkerId, GoalAttained? GoalAttained);
}
