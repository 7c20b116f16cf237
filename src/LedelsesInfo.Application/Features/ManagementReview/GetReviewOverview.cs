namespace LedelsesInfo.Application.Features.ManagementReview;

public sealed record ActionPlanView(string TeamName, int Quarter, string Question, string What, string Who, DateOnly ByWhen);

public sealed record ReviewOverview(int Year, IReadOnlyList<string> Questions, IReadOnlyList<int> Quarters, TableData Municipality, TableData Teams, IReadOnlyList<ActionPlanView> ActionPlans, TableData ActionPlanTable, TableData Years);

/// <summary>
/// Compliance per question as "X af Y sager" over signed-off rounds: for the municipality per quarter of the year (the
/// trend) and per team for the year, with the action plans for shortfalls. For audiences that may not see cases, counts of
/// 1-4 are hidden. Questions are matched by their text, so template versions do not break the trend.
/// </summary>
public sealed record GetReviewOverview(int Year, bool HideSmallNumbers) : IQuery<ReviewOverview>, Caching.ICachedQuery
{
    public Caching.CacheScope Scope => Caching.CacheScope.Unit;
}

public sealed class GetReviewOverviewValidator : AbstractValidator<GetReviewOverview>
{
    public GetReviewOverviewValidator() => RuleFor(q => q.Year).InclusiveBetween(2000, 2100).WithMessage("Året skal være mellem 2000 og 2100.");
}

public sealed class GetReviewOverviewHandler(IAppDbContext db, ICurrentUser user) : IQueryHandler<GetReviewOverview, ReviewOverview>
{
    public async ValueTask<ReviewOverview> Handle(GetReviewOverview query, CancellationToken ct)
    {
        var latestTemplate = await db.ReviewTemplates.AsNoTracking().Include(t => t.Questions).Where(t => t.IsDefault).OrderByDescending(t => t.Version).FirstAsync(ct);
        var questions = latestTemplate.Questions.OrderBy(q => q.Order).ToList();
        // The rounds of this year and the three before (the trend across years) are read once; each table's grouping is counted in memory.
        var years = Enumerable.Range(query.Year - 3, 4).ToList();
        var allRounds = await db.ReviewRounds.AsNoTracking().Where(r => r.Year >= years[0] && r.Year <= query.Year && r.Status == RoundStatus.SignedOff).ToListAsync(ct);
        var rounds = allRounds.Where(r => r.Year == query.Year).ToList();
        var quarters = rounds.Select(r => r.Quarter).Distinct().Order().ToList();
        // Management sees its own teams; the municipality's totals are for everyone who may see aggregates.
        var visible = user.Audience == Audience.Management ? await Scope.VisibleUnitIdsAsync(db, user, ct) : null;
        var roundTeams = rounds.Select(r => r.TeamId).Where(t => visible is null || visible.Contains(t)).ToList();
        var teams = await db.OrgUnits.AsNoTracking().Where(u => roundTeams.Contains(u.Id)).OrderBy(u => u.Name).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        object? Shown(QuestionResult r) =>
            r.Of == 0 ? null : query.HideSmallNumbers && Suppression.IsPrimary(new SuppressionCell("", r.Yes, r.Of)) ? Suppression.Mark
                : $"{r.Yes} af {r.Of} ({Math.Round(100m * r.Yes / r.Of, MidpointRounding.AwayFromZero).ToString(System.Globalization.CultureInfo.InvariantCulture)} %)";
        // The quarters are the parts of the year shown beside them: where one quarter is hidden, the smallest other is hidden
        // too, so the year less the quarters shown cannot give it back ("<5; 6 af 6; 9 af 9" would give 3 af 3).
        IEnumerable<object?> QuarterCells(IReadOnlyList<QuestionResult> parts)
        {
            var hidden = query.HideSmallNumbers
                ? Suppression.Hidden(parts.Select((r, k) => new SuppressionCell(k.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Yes, r.Of)).Where(c => c.Denominator > 0).ToList())
                : new HashSet<string>();
            return parts.Select((r, k) => hidden.Contains(k.ToString(System.Globalization.CultureInfo.InvariantCulture)) && r.Of > 0 ? Suppression.Mark : Shown(r));
        }

        var data = await ReviewResults.LoadAsync(db, allRounds, ct);
        var byQuarter = quarters.ToDictionary(q => q, q => data.For(rounds.Where(r => r.Quarter == q), questions));
        var year = data.For(rounds, questions);
        var municipality = new TableData("tilsyn-kommunen", $"Ledelsestilsyn {query.Year}: sager i orden pr. spørgsmål (X af Y sager)",
            [new("Spørgsmål"), .. quarters.Select(q => new TableColumn($"{q}. kvartal")), new("Året")],
            questions.Select((question, i) => (object?[])[question.Text, .. QuarterCells(quarters.Select(q => byQuarter[q][i]).ToList()), Shown(year[i])]).ToList());

        var perTeam = teams.Keys.ToDictionary(id => id, id => data.For(rounds.Where(r => r.TeamId == id), questions));
        var teamTable = new TableData("tilsyn-teams", $"Ledelsestilsyn {query.Year} pr. team (X af Y sager)",
            [new("Spørgsmål"), .. teams.Values.Select(name => new TableColumn(name))],
            questions.Select((question, i) => (object?[])[question.Text, .. teams.Keys.Select(id => Shown(perTeam[id][i]))]).ToList());

        var roundIds = rounds.Where(r => teams.ContainsKey(r.TeamId)).Select(r => r.Id).ToList();
        var questionText = await db.ReviewQuestions.AsNoTracking().ToDictionaryAsync(q => q.Id, q => q.Text, ct);
        // Action plans are listed by team, only for the teams shown, each plan once: the same plan made again in a later
        // round of the same team is shown from the quarter it was first made.
        var plans = (await db.ActionPlans.AsNoTracking().Where(p => roundIds.Contains(p.RoundId)).ToListAsync(ct))
            .Select(p =>
            {
                var round = rounds.Single(r => r.Id == p.RoundId);
                return new ActionPlanView(teams[round.TeamId], round.Quarter, questionText.GetValueOrDefault(p.QuestionId, ""), p.What, p.Who, p.ByWhen);
            })
            .GroupBy(p => (p.TeamName, p.Question, p.What, p.Who, p.ByWhen)).Select(g => g.MinBy(p => p.Quarter)!)
            .OrderBy(p => p.TeamName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("da-DK"), false)).ThenBy(p => p.ByWhen).ThenBy(p => p.Question)
            .ToList();
        var planTable = new TableData("handlingsplaner", $"Handlingsplaner {query.Year}",
            [new("Team"), new("Kvartal", ColumnKind.Number), new("Spørgsmål"), new("Hvad"), new("Hvem"), new("Senest", ColumnKind.Date)],
            plans.Select(p => (object?[])[p.TeamName, p.Quarter, p.Question, p.What, p.Who, p.ByWhen]).ToList());
        // The trend across years: the same questions, matched by text, for this year and the three before.
        var byYear = years.ToDictionary(y => y, y => data.For(allRounds.Where(r => r.Year == y), questions));
        var yearTable = new TableData("tilsyn-aar", "Kommunen år for år (X af Y sager)",
            [new("Spørgsmål"), .. years.Select(y => new TableColumn(y.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            questions.Select((question, i) => (object?[])[question.Text, .. years.Select(y => Shown(byYear[y][i]))]).ToList());
        return new ReviewOverview(query.Year, questions.Select(q => q.Text).ToList(), quarters, municipality, teamTable, plans, planTable, yearTable);
    }
}
