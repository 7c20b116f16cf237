namespace LedelsesInfo.Application.Features.Worklists;

/// <summary>One person's weekly message: who, where to, the counts of their worklist and the link to it.</summary>
public sealed record WeeklyMessage(string EmployeeId, string Name, string Address, Audience Audience, WorkCounts Counts, string Link)
{
    /// <summary>The person's own actions on the figures that are overdue or due within a week (docs/dashboards.md, "Actions").</summary>
    public ActionCounts Actions { get; init; } = new(0, 0);

    /// <summary>Where the person's actions are listed.</summary>
    public string? ActionsLink { get; init; }

    public string Subject => Actions.Total == 0 ? $"Ugens frister: {Counts.ToAct} at handle på"
        : $"Ugens frister: {Counts.ToAct} at handle på, {Actions.Total} {(Actions.Total == 1 ? "handling" : "handlinger")} med frist";

    /// <summary>The text: counts and a link, nothing more. No case id, no child, no name of a child (children's data do not travel by e-mail).</summary>
    public string Body => string.Join("\n", (string[])[
        $"Kære {Name}",
        "",
        Audience == Audience.TeamLeader ? "Sådan ser teamets frister ud i denne uge:" : "Sådan ser dine frister ud i denne uge:",
        "",
        $"- {Counts.ThisWeek} i denne uge",
        $"- {Counts.NewlyOverdue} nye overskredne (siden sidste uge)",
        $"- {Counts.Overdue} overskredne",
        $"- {Counts.LongOverdue} ældre end 3 måneder",
        "",
        $"Se listen i LedelsesInfo: {Link}",
        "",
        .. Actions.Total == 0 ? [] : (string[])[
            "Dine handlinger på nøgletallene:",
            "",
            $"- {Actions.DueSoon} med frist inden for en uge",
            $"- {Actions.Overdue} overskredne",
            "",
            $"Se handlingerne i LedelsesInfo: {ActionsLink}",
            "",
        ],
        "Du får denne besked hver mandag, når der er frister eller handlinger at handle på. Du kan slå den fra på siden Indstillinger i LedelsesInfo.",
        "Beskeden indeholder kun antal, aldrig sager eller oplysninger om børn."]);
}

/// <summary>How many of a person's actions are due within a week and how many are overdue.</summary>
public sealed record ActionCounts(int DueSoon, int Overdue)
{
    public int Total => DueSoon + Overdue;
}

/// <summary>The messages of a week: who would get one, and what it would say.</summary>
public sealed record WeeklyMessages(string Week, DateOnly Day, IReadOnlyList<WeeklyMessage> Messages, int AlreadySent, int WithoutAddress);

/// <summary>
/// The weekly message's recipients for the week of <paramref name="Day"/>: team leaders and caseworkers whose audience
/// gets it (the audience matrix), who have not turned it off, who have an address (the login, an e-mail address in
/// Entra ID), who have not had it for this week, and who have deadlines due this week or overdue, or own actions on the
/// figures that are due within a week or overdue (counted as the action lists count them on the day).
/// </summary>
public sealed record GetWeeklyMessages(DateOnly Day, string PortalUrl) : IQuery<WeeklyMessages>;

public sealed class GetWeeklyMessagesHandler(IAppDbContext db) : IQueryHandler<GetWeeklyMessages, WeeklyMessages>
{
    public async ValueTask<WeeklyMessages> Handle(GetWeeklyMessages query, CancellationToken ct)
    {
        var day = query.Day;
        var week = Periods.Of(PeriodKind.Week, day).Key;
        var audiences = await db.WeeklyMessageSettings.AsNoTracking().Where(s => s.Enabled).Select(s => s.Audience).ToListAsync(ct);
        var roles = new List<EmployeeRole>();
        if (audiences.Contains(Audience.TeamLeader)) { roles.Add(EmployeeRole.TeamLeader); }
        if (audiences.Contains(Audience.Caseworker)) { roles.Add(EmployeeRole.Caseworker); }
        var optedOut = db.WeeklyMessageOptOuts.Select(o => o.EmployeeId);
        var sent = await db.SentMessages.AsNoTracking().Where(m => m.Week == week).Select(m => m.EmployeeId).ToListAsync(ct);
        var people = await db.Employees.AsNoTracking().Where(e => e.RemovedAt == null && roles.Contains(e.Role) && !optedOut.Contains(e.Id))
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.Name, e.Login, e.Role, e.UnitId }).ToListAsync(ct);

        // The worklists' deadlines of the newest snapshot, as the lists show them.
        var asOf = await KpiQueries.LatestAsOfAsync(db, ct);
        var open = await WorklistDeadlines.On(db, asOf, day).Select(d => new { d.TeamId, d.CaseworkerId, d.Due }).ToListAsync(ct);
        var byTeam = open.ToLookup(d => d.TeamId);
        var byCaseworker = open.ToLookup(d => d.CaseworkerId);

        // The open actions due within a week or overdue, by owner, grouped as the action lists group them.
        var soon = day.AddDays(FigureActionRules.SoonDays);
        var actions = (await db.FigureActions.AsNoTracking().Where(a => a.DoneAt == null && a.DueOn <= soon).ToListAsync(ct))
            .ToLookup(a => a.OwnerEmployeeId, a => FigureActionRules.GroupOf(a, day));

        var portal = query.PortalUrl.TrimEnd('/');
        var messages = new List<WeeklyMessage>();
        var withoutAddress = 0;
        foreach (var p in people.Where(p => !sent.Contains(p.Id)))
        {
            var leader = p.Role == EmployeeRole.TeamLeader;
            var counts = WorkCounts.Of((leader ? byTeam[p.UnitId] : byCaseworker[p.Id]).Select(d => d.Due), day);
            var own = new ActionCounts(actions[p.Id].Count(g => g == ActionGroup.DueSoon), actions[p.Id].Count(g => g == ActionGroup.Overdue));
            if (counts.ToAct == 0 && own.Total == 0)
            {
                continue;
            }
            if (p.Login is not { } login || !login.Contains('@', StringComparison.Ordinal))
            {
                withoutAddress++;
                continue;
            }
            messages.Add(new WeeklyMessage(p.Id, p.Name, login, leader ? Audience.TeamLeader : Audience.Caseworker, counts, portal + (leader ? "/Team" : "/Mine"))
            {
                Actions = own, ActionsLink = portal + "/Handlinger?mine=1",
            });
        }
        return new WeeklyMessages(week, day, messages, sent.Count, withoutAddress);
    }
}
