using LedelsesInfo.Application.Caching;

namespace LedelsesInfo.Application.Features.Dashboards;

public sealed record UnitRef(string Id, string Name, UnitLevel Level);

public sealed record ManagementDashboard(
    DateOnly? AsOf,
    IReadOnlyList<DateOnly> Snapshots,
    string? Month,
    IReadOnlyList<string> Months,
    UnitRef Unit,
    IReadOnlyList<UnitRef> Breadcrumbs,
    IReadOnlyList<UnitRef> Children,
    IReadOnlyList<UnitRef> ComparisonColumns,
    IReadOnlyList<Kpi> Kpis,
    IReadOnlyDictionary<(string Code, string Unit), FigureCell> Comparison,
    TableData ComparisonTable,
    TableData Changes,
    IReadOnlyList<FigureTrend> Trends,
    TableData Economy,
    TableData HrAndDeadlines,
    TableData Cross,
    IReadOnlyList<AttentionLine> Attention,
    TableData Deadlines);

/// <summary>
/// A figure that needs the director's attention this month: red against its target, or moved the wrong way since last
/// month; with the team under the unit where it is worst, to drill down to.
/// </summary>
public sealed record AttentionLine(FigureCell Current, Movement Movement, StatusText Status, string Change, UnitRef? Worst, FigureCell? WorstCell)
{
    public Kpi Kpi => Current.Kpi;
}

/// <summary>
/// Management's month (forvaltningsledelse): all figures by unit from department down to team, with status, change since
/// last month and since the same month last year, a trend per figure, economy by unit, HR beside deadline compliance and the
/// cross figures (productivity, cost per activity). It opens with what needs attention (red, or worse since last month, with
/// the team it comes from) and reads the law's deadlines for the month beside the rolling 3 and 12 months. No individual
/// cases; management reads for internal use and sees every count.
/// </summary>
public sealed record GetManagementDashboard(string? UnitId = null, string? Month = null, DateOnly? AsOf = null) : IQuery<ManagementDashboard>, ICachedQuery
{
    public CacheScope Scope => CacheScope.Unit;

    public async ValueTask<ICachedQuery> CanonicalAsync(SharedReads index, ICurrentUser user, CancellationToken ct)
    {
        var unit = UnitId ?? (user.Audience == Audience.Administrator ? await index.MunicipalityIdAsync(ct) : user.UnitId);
        if (await index.AsOfAsync(AsOf, ct) is not { } asOf || unit is null || !await index.IsUnitAsync(unit, ct))
        {
            return this; // nothing to show, or a unit that does not exist: the handler answers or refuses as it is
        }
        return this with { UnitId = unit, AsOf = asOf, Month = Figures.ChoosePeriod(await index.PeriodsAsync(asOf, PeriodKind.Month, unit, ct), Month, asOf) };
    }
}

public sealed class GetManagementDashboardHandler(IAppDbContext db, SharedReads reads, ICurrentUser user, IClock clock) : IQueryHandler<GetManagementDashboard, ManagementDashboard>
{
    private static readonly string[] HrBesideDeadlines = [KpiCatalogue.H1.Code, KpiCatalogue.H2.Code, KpiCatalogue.F1.Code, KpiCatalogue.B1.Code];

    public async ValueTask<ManagementDashboard> Handle(GetManagementDashboard query, CancellationToken ct)
    {
        var units = await reads.UnitsAsync(ct);
        var visible = await reads.VisibleUnitIdsAsync(user, ct);
        var top = user.Audience == Audience.Administrator ? units.Values.First(u => u.Level == UnitLevel.Municipality).Id : user.UnitId;
        var selected = query.UnitId ?? top;
        if (user.Audience is not (Audience.Management or Audience.Administrator) || top is null || selected is null || !visible.Contains(selected) || !units.TryGetValue(selected, out _))
        {
            throw await AccessLog.DenyAsync(db, user, clock, "Forvaltningsledelse", null, $"enheden {selected}", ct);
        }
        UnitRef Ref(string id) => new(id, units[id].Name, units[id].Level);
        var crumbs = new List<UnitRef>();
        for (var id = selected; id is not null; id = id == top ? null : units[id].ParentId)
        {
            crumbs.Insert(0, Ref(id));
        }
        var children = units.Values.Where(u => u.ParentId == selected).OrderBy(u => u.Name).Select(u => Ref(u.Id)).ToList();
        if (children.Count == 0)
        {
            children = [Ref(selected)];
        }

        var asOf = await reads.AsOfAsync(query.AsOf, ct);
        var snapshots = await reads.SnapshotsAsync(ct);
        var empty = new TableData("tom", "", [], []);
        var months = asOf is { } a0 ? await reads.PeriodsAsync(a0, PeriodKind.Month, selected, ct) : [];
        if (asOf is not { } a || months.Count == 0)
        {
            return new ManagementDashboard(asOf, snapshots, null, months, Ref(selected), crumbs, children, children, [], new Dictionary<(string, string), FigureCell>(), empty, empty, [], empty, empty, empty, [], empty);
        }
        var month = Figures.ChoosePeriod(months, query.Month, a)!;
        var period = Periods.Parse(month);
        var lastMonth = Periods.Of(PeriodKind.Month, period.Start.AddDays(-1)).Key;
        var lastYear = Periods.Of(PeriodKind.Month, period.Start.AddYears(-1)).Key;
        var trendMonths = months.Where(p => string.CompareOrdinal(p, month) <= 0).Take(24).Reverse().ToList();

        var kpis = await reads.EnabledAsync(Audience.Management, ct);
        var unitIds = children.Select(c => c.Id).Append(selected).Distinct().ToList();
        // The unit's own figures for every month its trends and changes show; its children's for the month alone.
        var values = await reads.ValuesAsync(a, kpis.Select(k => k.Code), [selected], PeriodKind.Month, trendMonths.Append(lastYear).Append(lastMonth).Distinct(), ct);
        foreach (var (key, value) in await reads.ValuesAsync(a, kpis.Select(k => k.Code), unitIds.Where(u => u != selected), PeriodKind.Month, [month], ct))
        {
            values[key] = value;
        }
        var targetFor = await reads.TargetsForYearsAsync(trendMonths.Append(lastYear), ct);
        // The selected unit's figures for the month, against its target: the changes table and the trends both show them.
        var current = kpis.ToDictionary(k => k.Code,
            k => Figures.Cell(k, selected, month, values.GetValueOrDefault((k.Code, selected, month)), targetFor(k.Code, selected, period.Start.Year), Disclosure.Internal));

        // The children and, where the unit has more than they do (a director, a secretariat), that remainder, then the unit's
        // total: a total always reads as the sum of what stands beside it.
        var total = children.Count > 1 || children[0].Id != selected;
        var parts = total ? Figures.WithRemainder(kpis, selected, children.Select(c => c.Id).ToList(), month, values) : [selected];
        var compare = Figures.Compare(kpis, parts, month, values, (code, unit) => targetFor(code, unit, period.Start.Year), Disclosure.Internal);
        var columns = parts.Select(p => p == Figures.RemainderKey ? new UnitRef(p, Figures.RemainderName, units[selected].Level) : Ref(p)).ToList();
        if (total)
        {
            columns.Add(new UnitRef(selected, $"{units[selected].Name} i alt", units[selected].Level));
            foreach (var k in kpis)
            {
                compare[(k.Code, selected)] = current[k.Code];
            }
        }
        var comparisonTable = new TableData("enheder", $"{units[selected].Name}: nøgletal pr. enhed, {Danish.Name(period)}",
            [new("Nøgletal"), .. children.Select(c => new TableColumn(c.Name, ColumnKind.Number)),
             .. parts.Contains(Figures.RemainderKey) ? [new TableColumn(Figures.RemainderName, ColumnKind.Number)] : Array.Empty<TableColumn>(),
             .. total ? [new TableColumn($"{units[selected].Name} i alt", ColumnKind.Number)] : Array.Empty<TableColumn>(), new TableColumn("Enhed")],
            kpis.Select(k => (object?[])[$"{k.Code} {k.Name}", .. parts.Select(p => Value(compare[(k.Code, p)])),
                .. total ? [Value(current[k.Code])] : Array.Empty<object?>(), k.Unit]).ToList());

        FigureCell Before(Kpi k, string key) => Figures.Cell(k, selected, key, values.GetValueOrDefault((k.Code, selected, key)), null, Disclosure.Internal);
        var changes = new TableData("udvikling", $"{units[selected].Name}: {Danish.Name(period)} mod sidste måned og samme måned sidste år",
            [new("Nøgletal"), new(Danish.Name(period), ColumnKind.Number), new("Sidste måned", ColumnKind.Number), new("Ændring"),
             new("Samme måned sidste år", ColumnKind.Number), new("Ændring"), new("Mål", ColumnKind.Number), new("Status", ColumnKind.Status)],
            kpis.Select(k =>
            {
                var now = current[k.Code];
                var before = Before(k, lastMonth);
                var year = Before(k, lastYear);
                return (object?[])[$"{k.Code} {k.Name}", Value(now), Value(before), Diff(now, before), Value(year), Diff(now, year),
                    now.Target is { } t ? Figures.Round1(t) : null, QuarterSummary.Status(now)];
            }).ToList());

        // What needs attention: red, or worse since last month; red and worse first. Each with the team where it is worst.
        var teams = units.Values.Where(u => u.Level == UnitLevel.Team && u.Id != selected && IsUnder(units, u.Id, selected) && visible.Contains(u.Id)).ToList();
        var teamValues = teams.Count == 0 ? [] : await reads.ValuesAsync(a, kpis.Select(k => k.Code), teams.Select(t => t.Id), PeriodKind.Month, [month], ct);
        var lastMonthName = Danish.Name(Periods.Parse(lastMonth));
        var attention = kpis
            .Select(k => (k, now: current[k.Code], movement: Movements.Of(k, Before(k, lastMonth).Value, current[k.Code].Value)))
            .Where(x => x.now.Status == TargetStatus.Red || x.movement == Movement.Worse)
            .OrderBy(x => (x.now.Status == TargetStatus.Red ? 0 : 1) + (x.movement == Movement.Worse ? 0 : 2))
            .Select(x =>
            {
                var worst = teams
                    .Select(t => (team: t, cell: Figures.Cell(x.k, t.Id, month, teamValues.GetValueOrDefault((x.k.Code, t.Id, month)), targetFor(x.k.Code, t.Id, period.Start.Year), Disclosure.Internal)))
                    .Where(t => t.cell.Value is not null)
                    .OrderByDescending(t => Badness(x.k, t.cell.Value!.Value)).ThenBy(t => t.team.Name, StringComparer.Ordinal)
                    .FirstOrDefault();
                return new AttentionLine(x.now, x.movement, QuarterSummary.Status(x.now), QuarterSummary.Change(x.now, Before(x.k, lastMonth), lastMonthName),
                    worst.team is null ? null : Ref(worst.team.Id), worst.cell);
            }).ToList();

        // The law's deadlines for the month beside the rolling 3 and 12 months ending with it: a small team's month against a stable base.
        var statutory = kpis.Where(k => k.RollingWindows).ToList();
        var r3 = Periods.Of(PeriodKind.Rolling3, period.Start).Key;
        var r12 = Periods.Of(PeriodKind.Rolling12, period.Start).Key;
        var rolling = await reads.ValuesAsync(a, statutory.Select(k => k.Code), [selected], PeriodKind.Rolling3, [r3], ct);
        foreach (var (key, value) in await reads.ValuesAsync(a, statutory.Select(k => k.Code), [selected], PeriodKind.Rolling12, [r12], ct))
        {
            rolling[key] = value;
        }
        FigureCell Window(Kpi k, string key) => Figures.Cell(k, selected, key, rolling.GetValueOrDefault((k.Code, selected, key)), targetFor(k.Code, selected, period.Start.Year), Disclosure.Internal);
        var deadlines = new TableData("lovens-frister", $"{units[selected].Name}: lovens frister i {Danish.Name(period)} og de seneste 3 og 12 måneder",
            [new("Nøgletal"), new(Danish.Name(period), ColumnKind.Number), new(Danish.Name(Periods.Parse(r3)), ColumnKind.Number), new(Danish.Name(Periods.Parse(r12)), ColumnKind.Number),
             new("Mål", ColumnKind.Number), new("Status for 12 måneder", ColumnKind.Status)],
            statutory.Select(k => (object?[])[$"{k.Code} {k.Name}", Value(current[k.Code]), Value(Window(k, r3)), Value(Window(k, r12)),
                current[k.Code].Target is { } t ? Figures.Round1(t) : null, QuarterSummary.Status(Window(k, r12))]).ToList());

        var trends = kpis.Select(k =>
        {
            var chart = Figures.Trend(k, selected, trendMonths, values, targetFor, Disclosure.Internal);
            return new FigureTrend(current[k.Code], chart, Figures.Summary(k, chart));
        }).ToList();

        var teamToChild = TeamToChild(units, children);
        var economy = await EconomyAsync(teamToChild, children, period, a, ct);
        var hrCodes = HrBesideDeadlines.Where(c => kpis.Any(k => k.Code == c)).ToList();
        var hr = new TableData("hr-og-frister", $"Sygefravær og overarbejde ved siden af fristerne, {Danish.Name(period)}",
            [new("Enhed"), .. hrCodes.Select(c => new TableColumn($"{c} {KpiCatalogue.Get(c).Name}", ColumnKind.Number))],
            parts.Select(p => (object?[])[p == Figures.RemainderKey ? Figures.RemainderName : units[p].Name, .. hrCodes.Select(code => Value(compare[(code, p)]))])
                .Concat(total ? [[$"{units[selected].Name} i alt", .. hrCodes.Select(code => Value(current[code]))]] : Array.Empty<object?[]>()).ToList());
        var cross = await CrossAsync(teamToChild, children, compare, kpis, period, a, ct);

        return new ManagementDashboard(a, snapshots, month, months, Ref(selected), crumbs, children, columns, kpis, compare, comparisonTable, changes, trends, economy, hr, cross,
            attention, deadlines);
    }

    private static object? Value(FigureCell cell) => Figures.TableValue(cell);

    /// <summary>A change with its unit and whether it is better or worse in the figure's direction: "+2,4 point, bedre".</summary>
    private static string? Diff(FigureCell now, FigureCell before)
    {
        if (now.Value is not { } a || before.Value is not { } b)
        {
            return null;
        }
        var difference = Figures.Round1(a) - Figures.Round1(b);
        var unit = now.Kpi.DifferenceUnit;
        var text = (difference > 0 ? "+" : difference < 0 ? "−" : "±") + Math.Abs(difference).ToString(now.Kpi.IsCount ? "N0" : "N1", Danish.Culture) + (unit.Length > 0 ? " " + unit : "");
        return Movements.Of(now.Kpi, b, a) switch
        {
            Movement.Better => text + ", bedre",
            Movement.Worse => text + ", dårligere",
            _ => text,
        };
    }

    /// <summary>How bad a value is in the figure's direction: the larger, the worse.</summary>
    private static decimal Badness(Kpi kpi, decimal value) => kpi.Direction switch
    {
        KpiDirection.High => -value,
        KpiDirection.Band => Movements.OutsideBand(kpi, value),
        KpiDirection.None => 0,
        _ => value,
    };

    private static bool IsUnder(IReadOnlyDictionary<string, OrgUnit> units, string id, string ancestor)
    {
        for (var unit = units[id].ParentId; unit is not null; unit = units[unit].ParentId)
        {
            if (unit == ancestor)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The unit each team belongs to among the children shown (the team itself when a team is shown).</summary>
    private static Dictionary<string, string> TeamToChild(IReadOnlyDictionary<string, OrgUnit> units, IReadOnlyList<UnitRef> children)
    {
        var map = new Dictionary<string, string>();
        var childIds = children.Select(c => c.Id).ToHashSet();
        foreach (var unit in units.Values)
        {
            for (string? id = unit.Id; id is not null; id = units[id].ParentId)
            {
                if (childIds.Contains(id))
                {
                    map[unit.Id] = id;
                    break;
                }
            }
        }
        return map;
    }

    /// <summary>
    /// Spending and budget by unit: the month, the year so far, and the year's forecast, from the snapshot's economy
    /// (<see cref="EconomyMonth"/>): a few hundred rows for the year, never the raw payments.
    /// </summary>
    private async Task<TableData> EconomyAsync(Dictionary<string, string> teamToChild, List<UnitRef> children, Period period, DateOnly asOf, CancellationToken ct)
    {
        var month = period.Start;
        // The same rows for every unit's page of the month: read once per month and data version, summed per unit shown.
        var rows = await reads.GetAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"economy-by-unit|{asOf:yyyy-MM-dd}|{month:yyyy-MM}"),
            (d, c) => EconomyByUnitAsync(d, asOf, month, c), ct);
        // In whole kroner, as the units' own budgets are kept (the committee reads mio. kr.); the deviation's sign in its header.
        return new TableData("oekonomi", $"Forbrug og budget pr. enhed {period.Start.Year} (5.28.20-25)",
            [new("Enhed"), new($"Forbrug {Danish.Name(period)}", ColumnKind.Money), new("Forbrug året til dato", ColumnKind.Money), new("Budget året til dato", ColumnKind.Money),
             new("Forbrug i % af budget", ColumnKind.Percent), new("Forventet forbrug for året", ColumnKind.Money), new("Årets budget", ColumnKind.Money),
             new("Afvigelse året til dato (merforbrug +)", ColumnKind.Money)],
            children.Select(c =>
            {
                var mine = rows.Where(r => teamToChild.GetValueOrDefault(r.UnitId) == c.Id).ToList();
                var spent = mine.Sum(r => r.SpentYear);
                var budget = mine.Sum(r => r.BudgetSoFar);
                var rest = mine.Sum(r => r.BudgetRest);
                return (object?[])[c.Name, mine.Sum(r => r.SpentMonth), spent, budget, Figures.Share(spent, budget), spent + rest, budget + rest, spent - budget];
            }).Concat(children.Count > 1 ? [Total(rows.Where(r => teamToChild.ContainsKey(r.UnitId)).Select(r => (r.SpentMonth, r.SpentYear, r.BudgetSoFar, r.BudgetRest)))] : []).ToList());

        // The units' total, as the sum of the rows above it.
        static object?[] Total(IEnumerable<(decimal Month, decimal Year, decimal Budget, decimal Later)> rows)
        {
            var all = rows.ToList();
            var spent = all.Sum(r => r.Year);
            var budget = all.Sum(r => r.Budget);
            var rest = all.Sum(r => r.Later);
            return ["I alt", all.Sum(r => r.Month), spent, budget, Figures.Share(spent, budget), spent + rest, budget + rest, spent - budget];
        }
    }

    /// <summary>Productivity (X1) and cost per activity: the month's spending on activities over the activities active on its last day, from the snapshot's economy.</summary>
    private async Task<TableData> CrossAsync(Dictionary<string, string> teamToChild, IReadOnlyList<UnitRef> children, Dictionary<(string Code, string Unit), FigureCell> compare,
        IReadOnlyList<Kpi> kpis, Period period, DateOnly asOf, CancellationToken ct)
    {
        var month = period.Start;
        var rows = await reads.GetAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"activities-by-unit|{asOf:yyyy-MM-dd}|{month:yyyy-MM}"),
            async (d, c) => (IReadOnlyList<UnitActivities>)await d.EconomyMonths.AsNoTracking().Where(m => m.AsOf == asOf && m.Month == month)
                .GroupBy(m => m.UnitId)
                .Select(g => new UnitActivities(g.Key, g.Sum(m => m.ActiveActivities), g.Sum(m => m.SpentOnActivities))).ToListAsync(c), ct);
        var x1 = KpiCatalogue.X1;
        var hasX1 = kpis.Contains(x1);
        return new TableData("krydstal", $"Produktivitet og pris pr. indsats, {Danish.Name(period)}",
            [new("Enhed"), new($"{x1.Code} {x1.Name} ({x1.Unit})", ColumnKind.Number), new("Aktive indsatser", ColumnKind.Number), new("Forbrug på indsatser", ColumnKind.Money), new("Pris pr. indsats", ColumnKind.Money)],
            children.Select(c =>
            {
                var mine = rows.Where(r => teamToChild.GetValueOrDefault(r.UnitId) == c.Id).ToList();
                var count = mine.Sum(r => r.Active);
                var money = mine.Sum(r => r.Spent);
                return (object?[])[c.Name, hasX1 ? Value(compare[(x1.Code, c.Id)]) : null, count, money, count == 0 ? null : decimal.Round(money / count, 0)];
            }).ToList());
    }

    /// <summary>The year's spending and budget by unit up to and after the month, from the snapshot's economy: a few hundred rows, never the raw payments.</summary>
    private static async Task<IReadOnlyList<UnitEconomy>> EconomyByUnitAsync(IAppDbContext db, DateOnly asOf, DateOnly month, CancellationToken ct)
    {
        var year = new DateOnly(month.Year, 1, 1);
        var yearEnd = new DateOnly(month.Year, 12, 31);
        return await db.EconomyMonths.AsNoTracking()
            .Where(m => m.AsOf == asOf && m.Month >= year && m.Month <= yearEnd && Functions.All.Contains(m.Function))
            .GroupBy(m => m.UnitId)
            .Select(g => new UnitEconomy(
                g.Key,
                g.Sum(m => m.Month == month ? m.Spent : 0),
                g.Sum(m => m.Month <= month ? m.Spent : 0),
                g.Sum(m => m.Month <= month ? m.Budget : 0),
                g.Sum(m => m.Month > month ? m.Budget : 0))).ToListAsync(ct);
    }

    private sealed record UnitEconomy(string UnitId, decimal SpentMonth, decimal SpentYear, decimal BudgetSoFar, decimal BudgetRest);

    private sealed record UnitActivities(string UnitId, int Active, decimal Spent);
}
