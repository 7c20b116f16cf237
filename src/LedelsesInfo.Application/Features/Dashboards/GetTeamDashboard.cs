using LedelsesInfo.Application.Caching;

namespace LedelsesInfo.Application.Features.Dashboards;

/// <summary>A deadline on a worklist: which (kind, source and place in a chain), when, the working day it must be done by, and its group.</summary>
public sealed record DeadlineRow(string CaseId, DeadlineKind Kind, string SourceId, int K, DateOnly Due, int DaysOver, string CaseworkerId, string CaseworkerName,
    DeadlineState State, WorkGroup Group, DateOnly ActBy, bool Today);

/// <summary>A caseworker's week on the team leader's page: deadlines this week and overdue, caseload against 20-30, and 12 weeks' compliance.</summary>
/// <summary>
/// A caseworker's week on the team leader's page: open deadlines this week and overdue, caseload against 20-30, and
/// compliance in the week so far (<paramref name="WeekMet"/> of <paramref name="WeekDue"/>) and over 12 weeks. The
/// compliance and caseload tables are read from these too.
/// </summary>
public sealed record CaseworkerWeek(string Id, string Name, int ThisWeek, int Overdue, int OpenCases, decimal Fte, decimal? CasesPerFte, TargetStatus CaseloadStatus,
    int WeekMet, int WeekDue, int Met12, int Due12);

public sealed record TeamDashboard(
    DateOnly? AsOf,
    IReadOnlyList<DateOnly> Snapshots,
    string TeamId,
    string TeamName,
    string? Week,
    DateOnly Day,
    IReadOnlyList<string> Weeks,
    IReadOnlyList<(string Id, string Name)> Caseworkers,
    IReadOnlyList<DeadlineRow> Deadlines,
    WorkCounts Counts,
    IReadOnlyList<CaseworkerWeek> People,
    TableData DeadlineTable,
    TableData Compliance,
    ChartData ComplianceChart,
    string ComplianceSummary,
    TableData Caseload,
    TableData Figures,
    CaseAccess Access) : IShowsCases;

/// <summary>
/// The team leader's week: every case of the own team with a deadline overdue or due within 14 days (filterable by
/// caseworker and kind, sortable), compliance per caseworker this week and over 12 weeks, caseload per caseworker against
/// the 20-30 recommendation, and the team's figures against target. Another team's list is refused and the attempt logged;
/// every case shown is written to the access log each time the answer is served (<see cref="IShowsCases"/>).
/// </summary>
public sealed record GetTeamDashboard(string? TeamId = null, string? Week = null, DateOnly? AsOf = null,
    string? Caseworker = null, string? Kind = null, string? Sort = null, string? Export = null) : IQuery<TeamDashboard>, ICachedQuery
{
    public CacheScope Scope => CacheScope.Unit;

    public async ValueTask<ICachedQuery> CanonicalAsync(SharedReads index, ICurrentUser user, CancellationToken ct)
    {
        var team = TeamId ?? (user.Audience == Audience.TeamLeader ? user.UnitId : null);
        if (await index.AsOfAsync(AsOf, ct) is not { } asOf || team is null || team != user.UnitId)
        {
            return this; // another team's list is refused by the handler
        }
        return this with { TeamId = team, AsOf = asOf, Week = Figures.ChooseWeek(await index.PeriodsAsync(asOf, PeriodKind.Week, team, ct), Week, asOf) };
    }
}

public sealed class GetTeamDashboardHandler(IAppDbContext db, SharedReads reads, ICurrentUser user, IClock clock) : IQueryHandler<GetTeamDashboard, TeamDashboard>
{
    /// <summary>The deadline list: the one table of the team's page that names cases.</summary>
    public const string DeadlineTableName = "frister";

    public const string Page = "Teamleder: ugens frister";

    public async ValueTask<TeamDashboard> Handle(GetTeamDashboard query, CancellationToken ct)
    {
        var own = user.Audience == Audience.TeamLeader ? user.UnitId : null;
        var teamId = query.TeamId ?? own;
        if (own is null || teamId != own)
        {
            throw await AccessLog.DenyAsync(db, user, clock, Page, null, $"teamet {teamId}", ct);
        }
        var team = (await reads.UnitsAsync(ct))[teamId];
        var asOf = await reads.AsOfAsync(query.AsOf, ct) ?? clock.Today;
        var weeks = await reads.PeriodsAsync(asOf, PeriodKind.Week, teamId, ct);
        var week = Figures.ChooseWeek(weeks, query.Week, asOf);
        var period = Periods.Parse(week);
        var day = period.LastDay(asOf);

        var employees = await reads.EmployeesAsync(ct);
        // In the order SQLite's binary collation gave them when they were read per page: ordinal.
        var caseworkers = employees.Values.Where(e => e.UnitId == teamId && e.Role == EmployeeRole.Caseworker)
            .OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        // The week's list (docs/dashboards.md, "The week's work").
        var open = await Worklists.WorklistDeadlines.On(db, asOf, day, teamId)
            .Select(d => new { d.CaseId, d.Kind, d.SourceId, d.K, d.Due, d.CaseworkerId }).ToListAsync(ct);
        // Names for the caseworkers the deadlines name, of this team or another.
        string NameOf(string id) => employees.TryGetValue(id, out var person) ? person.Name : id;
        var rows = open
            .Where(d => query.Caseworker is null || d.CaseworkerId == query.Caseworker)
            .Where(d => query.Kind is null || Code<DeadlineKind>.Of(d.Kind) == query.Kind)
            .Select(d => new DeadlineRow(d.CaseId, d.Kind, d.SourceId, d.K, d.Due, day.DayNumber - d.Due.DayNumber, d.CaseworkerId, NameOf(d.CaseworkerId),
                Domain.Deadlines.StateOf(d.Due, null, day), Worklist.GroupOf(d.Due, day), Worklist.ActBy(d.Due), Worklist.IsToday(d.Due, day)))
            .ToList();
        // The working order (what to do now first) unless the team leader sorts by a column; the groups stay either way.
        var working = Worklist.InWorkingOrder(rows, day, r => r.Due, r => r.CaseId).ToList();
        rows = (query.Sort switch
        {
            "sagsbehandler" => working.OrderBy(r => r.Group).ThenBy(r => r.CaseworkerName, StringComparer.CurrentCulture).ThenBy(r => r.Due),
            "frist" => working.OrderBy(r => r.Group).ThenBy(r => Danish.Name(r.Kind), StringComparer.CurrentCulture).ThenBy(r => r.Due),
            "sag" => working.OrderBy(r => r.Group).ThenBy(r => r.CaseId, StringComparer.Ordinal),
            _ => working.AsEnumerable(),
        }).ToList();
        var counts = WorkCounts.Of(rows.Select(r => r.Due), day);

        var deadlineTable = new TableData(DeadlineTableName, $"Frister overskredet eller inden for 14 dage, {Danish.Name(period)}",
            [new("Sag"), new("Frist"), new("Fristdato", ColumnKind.Date), new("Dage over (+) eller tilbage (−)", ColumnKind.Number), new("Sagsbehandler"), new("Status")],
            rows.Select(r => (object?[])[r.CaseId, Danish.Name(r.Kind), r.Due, r.DaysOver, r.CaseworkerName, Danish.Name(r.State)]).ToList());

        // Compliance: deadlines due in the week (up to the day) and in the 12 weeks ending with it, met when done by the deadline.
        var window = TwelveWeeks.Ending(day);
        var from12 = window.From;
        var due = await db.Deadlines.AsNoTracking()
            .Where(d => d.AsOf == asOf && d.TeamId == teamId && d.Due >= window.From && d.Due <= window.To)
            .Select(d => new { d.CaseworkerId, d.Due, d.DoneOn }).ToListAsync(ct);
        bool Met(DateOnly dueOn, DateOnly? done) => done is { } x && x <= dueOn;

        // Caseload on the day against the 20-30 recommendation.
        var month = new DateOnly(day.Year, day.Month, 1);
        var openCases = await db.Cases.Where(c => c.TeamId == teamId && c.OpenedOn <= day && (c.ClosedOn == null || c.ClosedOn >= day))
            .GroupBy(c => c.CaseworkerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var fte = await reads.FteAsync(month, ct);
        var s1 = KpiCatalogue.S1;

        // Per caseworker: the week's open deadlines, the overdue, the caseload and the compliance (TwelveWeeks, as on the caseworker's own page).
        var people = caseworkers.Select(cw =>
        {
            var own = open.Where(d => d.CaseworkerId == cw.Id).Select(d => Worklist.GroupOf(d.Due, day)).ToList();
            var n = openCases.GetValueOrDefault(cw.Id);
            var f = fte.GetValueOrDefault(cw.Id);
            decimal? perFte = f > 0 ? Figures.Round1(n / f) : null;
            var mine = due.Where(d => d.CaseworkerId == cw.Id).ToList();
            var week1 = mine.Where(d => d.Due >= period.Start).ToList();
            return new CaseworkerWeek(cw.Id, cw.Name, own.Count(g => g == WorkGroup.ThisWeek), own.Count(g => g is WorkGroup.NewlyOverdue or WorkGroup.Overdue or WorkGroup.LongOverdue),
                n, f, perFte, Targets.Status(s1, perFte, null), week1.Count(d => Met(d.Due, d.DoneOn)), week1.Count, mine.Count(d => Met(d.Due, d.DoneOn)), mine.Count);
        }).ToList();

        var compliance = new TableData("overholdelse", $"Overholdte frister pr. sagsbehandler, {window.Name}",
            [new("Sagsbehandler"), new("Denne uge: overholdt", ColumnKind.Number), new("Denne uge: frister", ColumnKind.Number), new("12 uger: overholdt", ColumnKind.Number), new("12 uger: frister", ColumnKind.Number), new("12 uger: andel", ColumnKind.Percent)],
            people.Select(p => (object?[])[p.Name, p.WeekMet, p.WeekDue, p.Met12, p.Due12, Figures.Share(p.Met12, p.Due12)]).ToList());
        var weekStarts = Enumerable.Range(0, 12).Select(i => from12.AddDays(7 * i)).ToList();
        var chart = new ChartData("line", "%", weekStarts.Select(s => Danish.Name(Periods.Of(PeriodKind.Week, s))).ToList(),
        [
            new("Teamets overholdte frister", weekStarts.Select(s =>
            {
                var inWeek = due.Where(d => d.Due >= s && d.Due <= s.AddDays(6)).ToList();
                return Figures.Share(inWeek.Count(d => Met(d.Due, d.DoneOn)), inWeek.Count);
            }).ToList()),
        ]);
        var teamMet = due.Count(d => Met(d.Due, d.DoneOn));
        var summary = due.Count == 0 ? "Ingen frister i de 12 uger."
            : $"I de 12 uger {window.Name} har teamet overholdt {teamMet} af {due.Count} frister ({Figures.Percent(Figures.Share(teamMet, due.Count))}).";

        var caseload = new TableData("sagstal", $"Sager pr. sagsbehandler {Format(day)} (anbefaling 20-30)",
            [new("Sagsbehandler"), new("Åbne sager", ColumnKind.Number), new("Årsværk", ColumnKind.Number), new("Sager pr. årsværk", ColumnKind.Number), new("Status")],
            people.Select(p => (object?[])[p.Name, p.OpenCases, p.Fte, p.CasesPerFte, Danish.Name(p.CaseloadStatus)]).ToList());

        // The team's own figures for the week against target.
        var kpis = await reads.EnabledAsync(Audience.TeamLeader, ct);
        var values = await reads.ValuesAsync(asOf, kpis.Select(k => k.Code), [teamId], PeriodKind.Week, [week], ct);
        var target = await reads.TargetsAsync(day.Year, ct);
        var cut = period.End > asOf ? $" (til og med {Danish.Date(asOf)})" : "";
        var figures = new TableData("noegletal", $"{team.Name}: nøgletal for {Danish.Name(period)}{cut}",
            [new("Nøgletal"), new("Værdi", ColumnKind.Number), new("Enhed"), new("Mål", ColumnKind.Number), new("Status")],
            kpis.Select(k =>
            {
                var cell = Figures.Cell(k, teamId, week, values.GetValueOrDefault((k.Code, teamId, week)), target(k.Code, teamId), Disclosure.Internal);
                return (object?[])[$"{k.Code} {k.Name}", k.ShownFor(PeriodKind.Week) ? Figures.TableValue(cell) : "opgøres månedligt", k.Unit,
                    cell.Target is { } t ? Figures.Round1(t) : null, Danish.Name(k.ShownFor(PeriodKind.Week) ? cell.Status : TargetStatus.None)];
            }).ToList());

        return new TeamDashboard(asOf, await reads.SnapshotsAsync(ct), teamId, team.Name, week, day, weeks, caseworkers.Select(c => (c.Id, c.Name)).ToList(), rows, counts, people, deadlineTable,
            compliance, chart, summary, caseload, figures,
            // A view logs the cases on the page; an export only those in the exported table (the deadlines; the others name none).
            new CaseAccess(Page, query.Export is null ? AccessLog.Shown : AccessLog.Exported,
                query.Export is null or DeadlineTableName ? rows.Select(r => r.CaseId).Distinct().ToList() : []));
    }

    private static string Format(DateOnly day) => day.ToString("d. MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("da-DK"));
}
