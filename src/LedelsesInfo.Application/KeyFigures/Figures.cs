namespace LedelsesInfo.Application.KeyFigures;

/// <summary>One key figure for one unit and period as an audience sees it: suppressed where small, with target and status.</summary>
public sealed record FigureCell(string Code, string UnitId, string Period, decimal? Numerator, decimal? Denominator, decimal? Value, bool Hidden, string Shown, decimal? Target, TargetStatus Status)
{
    public Kpi Kpi => KpiCatalogue.Get(Code);
}

/// <summary>
/// Whom a figure is shown to. The committee's papers are published, so small numbers are hidden from it and from everything
/// it can open (docs/key-figures.md, small numbers); everyone else reads the figures for internal use and sees every count.
/// </summary>
public enum Disclosure
{
    Internal,
    Published,
}

/// <summary>Reads the key-figure snapshot for dashboards. Every figure a committee member sees passes <see cref="Suppression"/> here.</summary>
public static class Figures
{
    /// <summary>Small numbers are hidden for the committee only.</summary>
    public static Disclosure DisclosureFor(Audience audience) => audience == Audience.Committee ? Disclosure.Published : Disclosure.Internal;

    /// <summary>One decimal, half away from zero, as people round (1,25 → 1,3).</summary>
    public static decimal Round1(decimal value) => decimal.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>Kroner in millions with one decimal (12.345.678 kr. → 12,3), as the committee and management read a budget.</summary>
    public static decimal Millions(decimal kroner) => Round1(kroner / 1_000_000m);

    /// <summary>A share in Danish: "66,7 %".</summary>
    public static string Percent(decimal? share) => share is { } v ? Round1(v).ToString("N1", System.Globalization.CultureInfo.GetCultureInfo("da-DK")) + " %" : NoData;

    /// <summary>The requested as-of date if a snapshot exists for it, else the latest.</summary>
    public static async Task<DateOnly?> ResolveAsOfAsync(IAppDbContext db, DateOnly? requested, CancellationToken ct)
    {
        if (requested is { } r && await db.KpiSnapshots.AnyAsync(s => s.AsOf == r, ct))
        {
            return r;
        }
        return await KpiQueries.LatestAsOfAsync(db, ct);
    }

    public static async Task<IReadOnlyList<DateOnly>> SnapshotsAsync(IAppDbContext db, CancellationToken ct) =>
        await db.KpiSnapshots.OrderByDescending(s => s.AsOf).Select(s => s.AsOf).ToListAsync(ct);

    /// <summary>The year a period key starts with ("2025-Q2", "2025-06", "2025-W27").</summary>
    public static int YearOf(string period) => int.Parse(period[..4], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The period asked for if the snapshot has it; else the latest that has ended by the as-of date (a period cut by the
    /// as-of date is only part of one); else the newest. Null when there are none.
    /// </summary>
    public static string? ChoosePeriod(IReadOnlyList<string> newestFirst, string? requested, DateOnly asOf) =>
        requested is { } r && newestFirst.Contains(r) ? r : newestFirst.FirstOrDefault(p => Periods.Parse(p).End <= asOf) ?? (newestFirst.Count > 0 ? newestFirst[0] : null);

    /// <summary>The week shown: the one asked for if the snapshot has it, else the snapshot's newest, else the as-of date's week.</summary>
    public static string ChooseWeek(IReadOnlyList<string> newestFirst, string? requested, DateOnly asOf) =>
        requested is { } w && newestFirst.Contains(w) ? w : newestFirst.Count > 0 ? newestFirst[0] : Periods.Of(PeriodKind.Week, asOf).Key;

    /// <summary>A share in percent with one decimal; none when there is nothing to share.</summary>
    public static decimal? Share(decimal part, decimal whole) => whole == 0 ? null : Round1(100m * part / whole);

    /// <summary>The periods of a kind in the snapshot, newest first.</summary>
    public static async Task<IReadOnlyList<string>> PeriodsAsync(IAppDbContext db, DateOnly asOf, PeriodKind kind, string unitId, CancellationToken ct) =>
        await db.KpiValues.Where(v => v.AsOf == asOf && v.PeriodKind == kind && v.UnitId == unitId)
            .Select(v => v.Period).Distinct().OrderByDescending(p => p).ToListAsync(ct);

    /// <summary>The figures switched on for an audience in the catalogue's matrix, in catalogue order.</summary>
    public static async Task<IReadOnlyList<Kpi>> EnabledAsync(IAppDbContext db, Audience audience, CancellationToken ct)
    {
        var enabled = await db.AudienceSettings.Where(s => s.Audience == audience && s.Enabled).Select(s => s.KpiCode).ToListAsync(ct);
        return KpiCatalogue.All.Where(k => enabled.Contains(k.Code)).ToList();
    }

    public static async Task<Dictionary<(string Code, string Unit, string Period), KpiValue>> ValuesAsync(
        IAppDbContext db, DateOnly asOf, IEnumerable<string> codes, IEnumerable<string> units, PeriodKind kind, IEnumerable<string> periods, CancellationToken ct)
    {
        var codeList = codes.ToList();
        var unitList = units.ToList();
        var periodList = periods.ToList();
        // Only the columns that differ between rows: the as-of date and the kind are known, and reading them back for each of a
        // page's thousand values (a date parsed per row) was a third of the read.
        var rows = await db.KpiValues.AsNoTracking()
            .Where(v => v.AsOf == asOf && v.PeriodKind == kind && codeList.Contains(v.KpiCode) && unitList.Contains(v.UnitId) && periodList.Contains(v.Period))
            .Select(v => new { v.KpiCode, v.UnitId, v.Period, v.Numerator, v.Denominator })
            .ToListAsync(ct);
        return rows.ToDictionary(v => (v.KpiCode, v.UnitId, v.Period),
            v => new KpiValue { KpiCode = v.KpiCode, UnitId = v.UnitId, Period = v.Period, PeriodKind = kind, AsOf = asOf, Numerator = v.Numerator, Denominator = v.Denominator });
    }

    /// <summary>
    /// A cell. Where the reader's papers are published (<see cref="Disclosure.Published"/>), it is hidden when it is small or
    /// when the sibling rule hides it; internal readers see every count.
    /// </summary>
    public static FigureCell Cell(Kpi kpi, string unit, string period, KpiValue? value, decimal? target, Disclosure disclosure, bool hidden = false)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        if (value is null)
        {
            return new FigureCell(kpi.Code, unit, period, null, null, null, false, NoData, target, TargetStatus.None);
        }
        hidden = disclosure == Disclosure.Published && (hidden || Suppression.IsPrimary(kpi.Cell(unit, value.Numerator, value.Denominator)));
        if (hidden)
        {
            return new FigureCell(kpi.Code, unit, period, null, null, null, true, Suppression.Mark, target, TargetStatus.None);
        }
        var v = kpi.Value(value.Numerator, value.Denominator);
        return new FigureCell(kpi.Code, unit, period, value.Numerator, value.Denominator, v, false, KpiFormat.Number(kpi, v), target, Targets.Status(kpi, v, target));
    }

    /// <summary>What a cell with no data shows; a hidden one shows <see cref="Suppression.Mark"/>. The two are never the same.</summary>
    public const string NoData = "–";

    /// <summary>The key of the remainder column: what a unit has beyond its children (<see cref="WithRemainder"/>).</summary>
    public const string RemainderKey = "~øvrige";

    /// <summary>How the remainder is named where it is shown.</summary>
    public const string RemainderName = "Øvrige / stab";

    /// <summary>
    /// Adds, for each additive figure, the part of the parent's value that none of the children has (staff, notifications or
    /// payments registered at the parent itself, such as a director or a secretariat) under <see cref="RemainderKey"/>.
    /// A parent's total then always reads as its children plus that remainder. Returns the parts to show beside the total:
    /// the children, and <see cref="RemainderKey"/> after them when any figure has a remainder.
    /// </summary>
    public static IReadOnlyList<string> WithRemainder(IReadOnlyList<Kpi> kpis, string parent, IReadOnlyList<string> children, string period,
        Dictionary<(string Code, string Unit, string Period), KpiValue> values)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        ArgumentNullException.ThrowIfNull(values);
        var any = false;
        foreach (var kpi in kpis.Where(k => k.Additive))
        {
            if (!values.TryGetValue((kpi.Code, parent, period), out var total))
            {
                continue;
            }
            var parts = children.Select(c => values.GetValueOrDefault((kpi.Code, c, period))).Where(v => v is not null).ToList();
            var numerator = total.Numerator - parts.Sum(v => v!.Numerator);
            decimal? denominator = total.Denominator is { } d ? d - parts.Sum(v => v!.Denominator ?? 0) : null;
            if (numerator == 0 && (denominator ?? 0) == 0)
            {
                continue;
            }
            values[(kpi.Code, RemainderKey, period)] = new KpiValue
            {
                KpiCode = kpi.Code, UnitId = RemainderKey, PeriodKind = total.PeriodKind, Period = period, AsOf = total.AsOf,
                Numerator = numerator, Denominator = denominator,
            };
            any = true;
        }
        return any ? [.. children, RemainderKey] : children;
    }

    /// <summary>
    /// A comparison across sibling units. Published, each figure's cells go through the primary and secondary rule together
    /// (the remainder, where there is one, is a sibling like the others); internal, every count is shown.
    /// </summary>
    public static Dictionary<(string Code, string Unit), FigureCell> Compare(
        IReadOnlyList<Kpi> kpis, IReadOnlyList<string> siblings, string period,
        IReadOnlyDictionary<(string Code, string Unit, string Period), KpiValue> values, Func<string, string, decimal?> target, Disclosure disclosure)
    {
        var cells = new Dictionary<(string, string), FigureCell>();
        foreach (var kpi in kpis)
        {
            var present = siblings.Select(u => (Unit: u, Value: values.GetValueOrDefault((kpi.Code, u, period)))).ToList();
            var hidden = disclosure == Disclosure.Published
                ? Suppression.Hidden(present.Where(p => p.Value is not null).Select(p => kpi.Cell(p.Unit, p.Value!.Numerator, p.Value.Denominator)).ToList())
                : new HashSet<string>();
            foreach (var (unit, value) in present)
            {
                cells[(kpi.Code, unit)] = Cell(kpi, unit, period, value, target(kpi.Code, unit), disclosure, hidden.Contains(unit));
            }
        }
        return cells;
    }

    /// <summary>The figure's trend for one unit: values (null where hidden or missing, and which are hidden) and the target for each period's year.</summary>
    public static ChartData Trend(Kpi kpi, string unit, IReadOnlyList<string> periods, IReadOnlyDictionary<(string Code, string Unit, string Period), KpiValue> values,
        Func<string, string, int, decimal?> targetForYear, Disclosure disclosure)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        var cells = periods.Select(p => Cell(kpi, unit, p, values.GetValueOrDefault((kpi.Code, unit, p)), null, disclosure)).ToList();
        var series = new List<ChartSeries>
        {
            new(kpi.Name, cells.Select(c => c.Value is { } v ? Round1(v) : (decimal?)null).ToList(), Hidden: cells.Select(c => c.Hidden).ToList()),
        };
        var targets = periods.Select(p => targetForYear(kpi.Code, unit, YearOf(p))).ToList();
        if (targets.Any(t => t is not null))
        {
            series.Add(new ChartSeries("Mål", targets, Target: true));
        }
        return new ChartData("line", kpi.Unit, periods.Select(p => Danish.Name(Periods.Parse(p))).ToList(), series) { Periods = periods };
    }

    /// <summary>A figure as a table cell: the number where shown (a count as a whole number), "&lt;5" where hidden, empty where there is none.</summary>
    public static object? TableValue(FigureCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Hidden ? Suppression.Mark
            : cell.Value is not { } v ? null
            : cell.Kpi.IsCount ? (object)(int)v
            : Round1(v);
    }

    /// <summary>A sentence that says what the trend chart shows, for those who do not see the chart.</summary>
    public static string Summary(Kpi kpi, ChartData chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var values = chart.Series[0].Values;
        var known = values.Select((v, i) => (v, i)).Where(x => x.v is not null).ToList();
        if (known.Count == 0)
        {
            return chart.Series[0].Hidden?.Any(h => h) == true
                ? $"{kpi.Name}: tallene er under 5 og skjult af hensyn til diskretionen."
                : $"{kpi.Name}: ingen tal for perioderne.";
        }
        var (first, firstIndex) = known[0];
        var (last, lastIndex) = known[^1];
        var direction = last > first ? "steg" : last < first ? "faldt" : "var uændret";
        var text = $"{kpi.Name} {direction} fra {KpiFormat.Number(kpi, first)} i {chart.Labels[firstIndex]} til {KpiFormat.Number(kpi, last)} i {chart.Labels[lastIndex]}.";
        if (chart.Series.Count > 1 && chart.Series[1].Values[lastIndex] is { } target)
        {
            text += $" Målet er {KpiFormat.Number(kpi, target)}.";
        }
        var hiddenCount = chart.Series[0].Hidden?.Count(h => h) ?? 0;
        if (hiddenCount > 0)
        {
            text += $" {hiddenCount} af {values.Count} perioder er skjult (under 5).";
        }
        if (known.Count + hiddenCount < values.Count)
        {
            text += $" {values.Count - known.Count - hiddenCount} af {values.Count} perioder har ingen tal.";
        }
        return text;
    }
}
