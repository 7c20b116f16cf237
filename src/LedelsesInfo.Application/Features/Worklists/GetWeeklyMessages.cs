namespace LedelsesInfo.Application.Features.Worklists;

/// <summary>One person's weekly message: who, where to, the counts of their worklist and the link to it.</summary>
public sealed record WeeklyMessage(string EmployeeId, string Name, string Address, Audience Audience, WorkCounts Counts, string Link)
{
    public string Subject => $"Ugens frister: {Counts.ToAct} at handle på";

    /// <summary>The text: counts and a link, nothing more. No case id, no child, no name of a child (children's data do not travel by e-mail).</summary>
    public string Body => string.Join("\n",
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
        "Du får denne besked hver mandag, når der er frister at handle på. Du kan slå den fra på siden Indstillinger i LedelsesInfo.",
        "Beskeden indeholder kun antal, aldrig sager eller oplysninger om børn.");
}

/// <summary>The messages of a week: who would get one, and what it would say.</summary>
public sealed record WeeklyMessages(string Week, DateOnly Day, IReadOnlyList<WeeklyMessage> Messages, int AlreadySent, int WithoutAddress);

/// <summary>
/// The weekly message's recipients for the week of <paramref name="Day"/>: team leaders and caseworkers whose audience
/// gets it (the audience matrix), who have not turned it off, who have an address (the login, an e-mail address in
/// Entra ID), who have not had it for this week, and who have deadlines due this week or overdue.
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

        var portal = query.PortalUrl.TrimEnd('/');
        var messages = new List<WeeklyMessage>();
        var withoutAddress = 0;
        foreach (var p in people.Where(p => !sent.Contains(p.Id)))
        {
            var leader = p.Role == EmployeeRole.TeamLeader;
            var counts = WorkCounts.Of((leader ? byTeam[p.UnitId] : byCaseworker[p.Id]).Select(d => d.Due), day);
            if (counts.ToAct == 0)
            {
                continue;
            }
            if (p.Login is not { } login || !login.Contains('@', StringComparison.Ordinal))
            {
                withoutAddress++;
                continue;
            }
            messages.Add(new WeeklyMessage(p.Id, p.Name, login, leader ? Audience.TeamLeader : Audience.Caseworker, counts, portal + (leader ? "/Team" : "/Mine")));
        }
        return new WeeklyMessages(week, day, messages, sent.Count, withoutAddress);
    }
}
