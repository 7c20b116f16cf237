using LedelsesInfo.Application.Caching;

namespace LedelsesInfo.Application.Features.Dashboards;

public sealed record FigureTrend(FigureCell Current, ChartData Chart, string Summary);

public sealed record FunctionLine(string Function, string Name, decimal Budget, decimal Spent, decimal BudgetRestOfYear)
{
    /// <summary>The year's forecast: spending so far plus the budget for the rest of the year.</summary>
    public decimal Forecast => Spent + BudgetRestOfYear;
}

public sealed record CommitteeDashboard(
    DateOnly? AsOf,
    IReadOnlyList<DateOnly> Snapshots,
    string? Quarter,
    IReadOnlyList<string> Quarters,
    string MunicipalityName,
    IReadOnlyList<FigureTrend> Figures,
    IReadOnlyList<SummaryLine> Summary,
    TableData Overview,
    IReadOnlyList<(string Id, string Name)> Departments,
    TableData Comparison,
    IReadOnlyList<FunctionLine> Economy,
    TableData EconomyTable,
    IReadOnlyDictionary<KpiArea, TableData> Trends,
    string? MunicipalityId = null)
{
    /// <summary>The parts of the work in the paper's order: strategy first, then casework, economy and HR.</summary>
    public static readonly IReadOnlyList<KpiArea> Sections = [KpiArea.Strategy, KpiArea.Casework, KpiArea.Results, KpiArea.Economy, KpiArea.Hr];

    /// <summary>The figures of a part of the work, in the summary's order.</summary>
    public IEnumerable<FigureTrend> In(KpiArea area) => Figures.Where(f => f.Current.Kpi.Area == area);
}

/// <summary>
/// The committee's quarter (fagudvalg), shaped as its meeting paper: first a summary of every figure (the quarter, the
/// quarter before, the same quarter last year, the target, the status in words and what changed, those whose status
/// changed first), then eight quarters of trend with the target line, a comparison across departments with small numbers
/// hidden, and spending against budget by function 5.28.20-25 with the year's forecast. Never a case or a child.
/// </summary>
public sealed record GetCommitteeDashboard(string? Quarter = null, DateOnly? AsOf = null) : IQuery<CommitteeDashboard>, ICachedQuery
{
    public CacheScope Scope => CacheScope.Audience;

    public async ValueTask<ICachedQuery> CanonicalAsync(SharedReads index, ICurrentUser user, CancellationToken ct)
    {
        if (await index.AsOfAsync(AsOf, ct) is not { } asOf || await index.MunicipalityIdAsync(ct) is not { } municipality)
        {
            return this;
        }
        return this with { AsOf = asOf, Quarter = Figures.ChoosePeriod(await index.PeriodsAsync(asOf, PeriodKind.Quarter, municipality, ct), Quarter, asOf) };
    }
}

public sealed class GetCommitteeDashboardValidator : AbstractValidator<GetCommitteeDashboard>
{
    public GetCommitteeDashboardValidator() =>
        RuleFor(q => q.Quarter).Matches(@"^\d{4}-Q[1-4]$").When(q => q.Quarter is not null).WithMessage("Kvartalet skrives som 2025-Q1.");
}

public sealed class GetCommitteeDashboardHandler(IAppDbContext db, SharedReads reads) : IQueryHandler<GetCommitteeDashboard, CommitteeDashboard>
{
    private static readonly Dictionary<string, string> FunctionNames = new()
    {
        [Functions.ResidentialHomes] = "Opholdssteder",
        [Functions.Preventive] = "Forebyggende foranstaltninger",
        [Functions.FosterFamilies] = "Plejefamilier",
        [Functions.Institutions] = "Døgninstitutioner",
        [Functions.SecureInstitutions] = "Sikrede døgninstitutioner",
        [Functions.SpecialClubs] = "Særlige klubtilbud",
    };

    public async ValueTask<CommitteeDashboard> Handle(GetCommitteeDashboard query, CancellationToken ct)
    {
        var municipality = await reads.MunicipalityAsync(ct);
        var asOf = await reads.AsOfAsync(query.AsOf, ct);
        var snapshots = await reads.SnapshotsAsync(ct);
        var empty = new TableData("tom", "", [], []);
        if (asOf is not { } a || municipality is null)
        {
            return new CommitteeDashboard(asOf, snapshots, null, [], municipality?.Name ?? "Kommunen", [], [], empty, [], empty, [], empty, new Dictionary<KpiArea, TableData>());
        }
        var quarters = await reads.PeriodsAsync(a, PeriodKind.Quarter, municipality.Id, ct);
        var quarter = Figures.ChoosePeriod(quarters, query.Quarter, a);
        if (quarter is null)
        {
            return new CommitteeDashboard(a, snapshots, null, quarters, municipality.Name, [], [], empty, [], empty, [], empty, new Dictionary<KpiArea, TableData>());
        }
        var year = Figures.YearOf(quarter);
        var kpis = await reads.EnabledAsync(Audience.Committee, ct);
        var departments = (await reads.UnitsAsync(ct)).Values.Where(u => u.Level == UnitLevel.Department).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        var trendPeriods = quarters.Where(p => string.CompareOrdinal(p, quarter) <= 0).Take(8).Reverse().ToList();
        // The municipality's figures for the eight quarters of its trends; the departments' for the quarter alone.
        var values = await reads.ValuesAsync(a, kpis.Select(k => k.Code), [municipality.Id], PeriodKind.Quarter, trendPeriods, ct);
        foreach (var (key, value) in await reads.ValuesAsync(a, kpis.Select(k => k.Code), departments.Select(d => d.Id), PeriodKind.Quarter, [quarter], ct))
        {
            values[key] = value;
        }
        var targetFor = await reads.TargetsForYearsAsync(trendPeriods, ct);

        var figures = kpis.Select(k =>
        {
            var current = Figures.Cell(k, municipality.Id, quarter, values.GetValueOrDefault((k.Code, municipality.Id, quarter)), targetFor(k.Code, municipality.Id, year), Disclosure.Published);
            var chart = Figures.Trend(k, municipality.Id, trendPeriods, values, targetFor, Disclosure.Published);
            return new FigureTrend(current, chart, Figures.Summary(k, chart));
        }).ToList();

        // The summary: against the quarter before and the same quarter a year earlier (both among the trend's quarters).
        var previous = trendPeriods.Count > 1 ? trendPeriods[^2] : null;
        var lastYear = $"{year - 1}{quarter[4..]}";
        FigureCell CellOf(Kpi k, string? period) => period is null
            ? Figures.Cell(k, municipality.Id, "", null, null, Disclosure.Published)
            : Figures.Cell(k, municipality.Id, period, values.GetValueOrDefault((k.Code, municipality.Id, period)), targetFor(k.Code, municipality.Id, Figures.YearOf(period)), Disclosure.Published);
        var previousName = previous is null ? null : Danish.Name(Periods.Parse(previous));
        var summary = QuarterSummary.Lines(figures.Select(f => (f.Current, CellOf(f.Current.Kpi, previous), CellOf(f.Current.Kpi, trendPeriods.Contains(lastYear) ? lastYear : null))), previousName);
        var overview = new TableData("noegletal", $"{municipality.Name} i {Danish.Name(Periods.Parse(quarter))}: nøgletal mod mål",
            [new("Nøgletal"), new(Danish.Name(Periods.Parse(quarter)), ColumnKind.Number), new(previousName ?? "Kvartalet før", ColumnKind.Number),
             new(Danish.Name(Periods.Parse(lastYear)), ColumnKind.Number), new("Enhed"), new("Mål", ColumnKind.Number), new("Status", ColumnKind.Status),
             new($"Udvikling siden {previousName ?? "kvartalet før"}")],
            summary.Select(l => (object?[])[$"{l.Kpi.Code} {l.Kpi.Name}", Figures.TableValue(l.Current), Figures.TableValue(l.Previous), Figures.TableValue(l.LastYear),
                l.Kpi.Unit, l.Current.Target is { } t ? Figures.Round1(t) : null, l.Status, l.Change]).ToList());

        // The departments and, where the municipality has more than they do (staff at the municipality itself), that remainder:
        // the parts hide their small numbers together, so no difference from the total reveals one.
        var parts = Figures.WithRemainder(kpis, municipality.Id, departments.Select(d => d.Id).ToList(), quarter, values);
        var compare = Figures.Compare(kpis, parts, quarter, values, (code, unit) => targetFor(code, unit, year), Disclosure.Published);
        var comparison = new TableData("sammenligning", $"Forvaltningerne i {Danish.Name(Periods.Parse(quarter))}",
            [new TableColumn("Nøgletal"), .. departments.Select(d => new TableColumn(d.Name, ColumnKind.Number)),
             .. parts.Contains(Figures.RemainderKey) ? [new TableColumn(Figures.RemainderName, ColumnKind.Number)] : Array.Empty<TableColumn>(),
             new TableColumn($"{municipality.Name} i alt", ColumnKind.Number), new TableColumn("Enhed")],
            kpis.Select(k => (object?[])[$"{k.Code} {k.Name}", .. parts.Select(p => (object?)Figures.TableValue(compare[(k.Code, p)])),
                Figures.TableValue(figures.Single(f => f.Current.Code == k.Code).Current), k.Unit]).ToList());

        var economy = await EconomyAsync(year, a, ct);
        // In millions with one decimal, as a committee reads a budget; the deviation's sign is written in its header.
        var m = Figures.Millions;
        var economyTable = new TableData("oekonomi", $"Budget og forbrug {year} pr. funktion (mio. kr.)",
            [new("Funktion"), new("Årets budget (mio. kr.)", ColumnKind.Number), new($"Forbrug til og med {Danish.Date(a)} (mio. kr.)", ColumnKind.Number),
             new("Forventet forbrug for året (mio. kr.)", ColumnKind.Number), new("Forventet afvigelse (mio. kr., merforbrug +)", ColumnKind.Number)],
            economy.Select(e => (object?[])[$"{e.Function} {e.Name}", m(e.Budget), m(e.Spent), m(e.Forecast), m(e.Forecast - e.Budget)])
                .Append([ "I alt", m(economy.Sum(e => e.Budget)), m(economy.Sum(e => e.Spent)), m(economy.Sum(e => e.Forecast)), m(economy.Sum(e => e.Forecast - e.Budget)) ]).ToList());

        // Each section's trends as one compact table, figures down and quarters across: what the paper prints.
        var trends = CommitteeDashboard.Sections.Where(area => figures.Any(f => f.Current.Kpi.Area == area)).ToDictionary(area => area, area =>
            new TableData($"udvikling-{Code<KpiArea>.Of(area)}", $"{Danish.Name(area)}: kommunen de seneste {trendPeriods.Count} kvartaler",
                [new("Nøgletal"), .. trendPeriods.Select(p => new TableColumn(Danish.Name(Periods.Parse(p)), ColumnKind.Number)), new($"Mål {year}", ColumnKind.Number)],
                figures.Where(f => f.Current.Kpi.Area == area).Select(f => (object?[])[$"{f.Current.Code} {f.Current.Kpi.Name} ({f.Current.Kpi.Unit})",
                    .. trendPeriods.Select(p => Figures.TableValue(CellOf(f.Current.Kpi, p))),
                    f.Current.Target is { } t ? Figures.Round1(t) : null]).ToList()));

        return new CommitteeDashboard(a, snapshots, quarter, quarters, municipality.Name, figures, summary, overview,
            departments.Select(d => (d.Id, d.Name)).ToList(), comparison, economy, economyTable, trends, municipality.Id);
    }

    /// <summary>
    /// Budget and spending for the year by function, from the snapshot's economy (<see cref="EconomyMonth"/>), so it belongs
    /// to the same as-of date as the figures above it; the forecast adds the budget of the months not yet begun.
    /// </summary>
    private async Task<List<FunctionLine>> EconomyAsync(int year, DateOnly asOf, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var spentTo = asOf < to ? asOf : to;
        var rows = await db.EconomyMonths.AsNoTracking()
            .Where(m => m.AsOf == asOf && m.Month >= from && m.Month <= to && Functions.All.Contains(m.Function))
            .GroupBy(m => m.Function)
            .Select(g => new { g.Key, Budget = g.Sum(m => m.Budget), Rest = g.Sum(m => m.Month > spentTo ? m.Budget : 0), Spent = g.Sum(m => m.Spent) })
            .ToDictionaryAsync(x => x.Key, ct);
        return Functions.All.Where(rows.ContainsKey).Select(f => new FunctionLine(f, FunctionNames[f], rows[f].Budget, rows[f].Spent, rows[f].Rest))
            .Where(l => l.Budget != 0 || l.Spent != 0).ToList();
    }
}
