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
    TableData Cross);

/// <summary>
/// Management's month (forvaltningsledelse): all figures by unit from department down to team, with status, change since
/// last month and since the same month last year, a trend per figure, economy by unit, HR beside deadline compliance and the
/// cross figures (productivity, cost per activity). No individual cases; management reads for internal use and sees every count.
/// </summary>
public sealed record GetManagementDashboard(string? UnitId = null, string? Month = null, DateOnly? AsOf = null) : IQuery<ManagementDashboard>, ICachedQuery
{
    public CacheScope Scope => CacheScope.Unit;

    public async ValueTask<ICachedQuery> CanonicalAsync(PeriodIndex index, ICurrentUser user, CancellationToken ct)
    {
        var unit = UnitId ?? (user.Audience == Audience.Administrator ? await index.MunicipalityIdAsync(ct) : user.UnitId);
        if (await index.AsOfAsync(AsOf, ct) is not { } asOf || unit is null || !await index.IsUnitAsync(unit, ct))
        {
            return this; // nothing to show, or a unit that does not exist: the handler answers or refuses as it is
        }
        return this with { UnitId = unit, AsOf = asOf, Month = Figures.ChoosePeriod(await index.PeriodsAsync(asOf, PeriodKind.Month, unit, ct), Month, asOf) };
    }
}

public sealed class GetManagementDashboardHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetManagementDashboard, ManagementDashboard>
{
    private static readonly string[] HrBesideDeadlines = [KpiCatalogue.H1.Code, KpiCatalogue.H2.Code, KpiCatalogue.F1.Code, KpiCatalogue.B1.Code];

    public async ValueTask<ManagementDashboard> Handle(GetManagementDashboard query, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var visible = await Scope.VisibleUnitIdsAsync(db, user, ct);
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

        var asOf = await Figures.ResolveAsOfAsync(db, query.AsOf, ct);
        var snapshots = await Figures.SnapshotsAsync(db, ct);
        var empty = new TableData("tom", "", [], []);
        var months = asOf is { } a0 ? await Figures.PeriodsAsync(db, a0, PeriodKind.Month, selected, ct) : [];
        if (asOf is not { } a || months.Count == 0)
        {
            return new ManagementDashboard(asOf, snapshots, null, months, Ref(selected), crumbs, children, children, [], new Dictionary<(string, string), FigureCell>(), empty, empty, [], empty, empty, empty);
        }
        var month = Figures.ChoosePeriod(months, query.Month, a)!;
        var period = Periods.Parse(month);
        var lastMonth = Periods.Of(PeriodKind.Month, period.Start.AddDays(-1)).Key;
        var lastYear = Periods.Of(PeriodKind.Month, period.Start.AddYears(-1)).Key;
        var trendMonths = months.Where(p => string.CompareOrdinal(p, month) <= 0).Take(24).Reverse().ToList();

        var kpis = await Figures.EnabledAsync(db, Audience.Management, ct);
        var unitIds = children.Select(c => c.Id).Append(selected).Distinct().ToList();
        // The unit's own figures for every month its trends and changes show; its children's for the month alone.
        var values = await Figures.ValuesAsync(db, a, kpis.Select(k => k.Code), [selected], PeriodKind.Month, trendMonths.Append(lastYear).Append(lastMonth).Distinct(), ct);
        foreach (var (key, value) in await Figures.ValuesAsync(db, a, kpis.Select(k => k.Code), unitIds.Where(u => u != selected), PeriodKind.Month, [month], ct))
        {
            values[key] = value;
        }
        var targetFor = await Figures.TargetsForYearsAsync(db, trendMonths.Append(lastYear), ct);
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

        var changes = new TableData("udvikling", $"{units[selected].Name}: {Danish.Name(period)} mod sidste måned og samme måned sidste år",
            [new("Nøgletal"), new(Danish.Name(period), ColumnKind.Number), new("Sidste måned", ColumnKind.Number), new("Ændring", ColumnKind.Number),
             new("Samme måned sidste år", ColumnKind.Number), new("Ændring", ColumnKind.Number), new("Mål", ColumnKind.Number), new("Status")],
            kpis.Select(k =>
            {
                var now = current[k.Code];
                var before = Figures.Cell(k, selected, lastMonth, values.GetValueOrDefault((k.Code, selected, lastMonth)), null, Disclosure.Internal);
                var year = Figures.Cell(k, selected, lastYear, values.GetValueOrDefault((k.Code, selected, lastYear)), null, Disclosure.Internal);
                return (object?[])[$"{k.Code} {k.Name}", Value(now), Value(before), Diff(now, before), Value(year), Diff(now, year),
                    now.Target is { } t ? Figures.Round1(t) : null, Danish.Name(now.Status)];
            }).ToList());

        var trends = kpis.Select(k =>
        {
            var chart = Figures.Trend(k, selected, trendMonths, values, targetFor, Disclosure.Internal);
            return new FigureTrend(current[k.Code], chart, Figures.Summary(k, chart));
        }).ToList();

        var economy = await EconomyAsync(units, children, period, a, ct);
        var hrCodes = HrBesideDeadlines.Where(c => kpis.Any(k => k.Code == c)).ToList();
        var hr = new TableData("hr-og-frister", $"Sygefravær og overarbejde ved siden af fristerne, {Danish.Name(period)}",
            [new("Enhed"), .. hrCodes.Select(c => new TableColumn($"{c} {KpiCatalogue.Get(c).Name}", ColumnKind.Number))],
            parts.Select(p => (object?[])[p == Figures.RemainderKey ? Figures.RemainderName : units[p].Name, .. hrCodes.Select(code => Value(compare[(code, p)]))])
                .Concat(total ? [[$"{units[selected].Name} i alt", .. hrCodes.Select(code => Value(current[code]))]] : Array.Empty<object?[]>()).ToList());
        var cross = await CrossAsync(units, children, compare, kpis, period, a, ct);

        return new ManagementDashboard(a, snapshots, month, months, Ref(selected), crumbs, children, columns, kpis, compare, comparisonTable, changes, trends, economy, hr, cross);
    }

    private static object? Value(FigureCell cell) => Figures.TableValue(cell);

    private static decimal? Diff(FigureCell now, FigureCell before) =>
        now.Value is { } a && before.Value is { } b ? Figures.Round1(a - b) : null;

    /// <summary>The unit each team belongs to among the children shown (the team itself when a team is shown).</summary>
    private static Dictionary<string, string> TeamToChild(Dictionary<string, OrgUnit> units, IReadOnlyList<UnitRef> children)
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
    private async Task<TableData> EconomyAsync(Dictionary<string, OrgUnit> units, IReadOnlyList<UnitRef> children, Period period, DateOnly asOf, CancellationToken ct)
    {
        var year = new DateOnly(period.Start.Year, 1, 1);
        var yearEnd = new DateOnly(period.Start.Year, 12, 31);
        var month = period.Start;
        var rows = await db.EconomyMonths.AsNoTracking()
            .Where(m => m.AsOf == asOf && m.Month >= year && m.Month <= yearEnd && Functions.All.Contains(m.Function))
            .GroupBy(m => m.UnitId)
            .Select(g => new
            {
                UnitId = g.Key,
                SpentMonth = g.Sum(m => m.Month == month ? m.Spent : 0),
                SpentYear = g.Sum(m => m.Month <= month ? m.Spent : 0),
                BudgetSoFar = g.Sum(m => m.Month <= month ? m.Budget : 0),
                BudgetRest = g.Sum(m => m.Month > month ? m.Budget : 0),
            }).ToListAsync(ct);
        var map = TeamToChild(units, children);
        // In whole kroner, as the units' own budgets are kept (the committee reads mio. kr.); the deviation's sign in its header.
        return new TableData("oekonomi", $"Forbrug og budget pr. enhed {period.Start.Year} (5.28.20-25)",
            [new("Enhed"), new($"Forbrug {Danish.Name(period)}", ColumnKind.Money), new("Forbrug året til dato", ColumnKind.Money), new("Budget året til dato", ColumnKind.Money),
             new("Forbrug i % af budget", ColumnKind.Percent), new("Forventet forbrug for året", ColumnKind.Money), new("Årets budget", ColumnKind.Money),
             new("Afvigelse året til dato (merforbrug +)", ColumnKind.Money)],
            children.Select(c =>
            {
                var mine = rows.Where(r => map.GetValueOrDefault(r.UnitId) == c.Id).ToList();
                var spent = mine.Sum(r => r.SpentYear);
                var budget = mine.Sum(r => r.BudgetSoFar);
                var rest = mine.Sum(r => r.BudgetRest);
                return (object?[])[c.Name, mine.Sum(r => r.SpentMonth), spent, budget, Figures.Share(spent, budget), spent + rest, budget + rest, spent - budget];
            }).ToList());
    }

    /// <summary>Productivity (X1) and cost per activity: the month's spending on activities over the activities active on its last day, from the snapshot's economy.</summary>
    private async Task<TableData> CrossAsync(Dictionary<string, OrgUnit> units, IReadOnlyList<UnitRef> children, Dictionary<(string Code, string Unit), FigureCell> compare,
        IReadOnlyList<Kpi> kpis, Period period, DateOnly asOf, CancellationToken ct)
    {
        var month = period.Start;
        var rows = await db.EconomyMonths.AsNoTracking().Where(m => m.AsOf == asOf && m.Month == month)
            .GroupBy(m => m.UnitId)
            .Select(g => new { UnitId = g.Key, Active = g.Sum(m => m.ActiveActivities), Spent = g.Sum(m => m.SpentOnActivities) }).ToListAsync(ct);
        var map = TeamToChild(units, children);
        var x1 = KpiCatalogue.X1;
        var hasX1 = kpis.Contains(x1);
        return new TableData("krydstal", $"Produktivitet og pris pr. indsats, {Danish.Name(period)}",
            [new("Enhed"), new($"{x1.Code} {x1.Name} ({x1.Unit})", ColumnKind.Number), new("Aktive indsatser", ColumnKind.Number), new("Forbrug på indsatser", ColumnKind.Money), new("Pris pr. indsats", ColumnKind.Money)],
            children.Select(c =>
            {
                var mine = rows.Where(r => map.GetValueOrDefault(r.UnitId) == c.Id).ToList();
                var count = mine.Sum(r => r.Active);
                var money = mine.Sum(r => r.Spent);
                return (object?[])[c.Name, hasX1 ? Value(compare[(x1.Code, c.Id)]) : null, count, money, count == 0 ? null : decimal.Round(money / count, 0)];
            }).ToList());
    }

}
