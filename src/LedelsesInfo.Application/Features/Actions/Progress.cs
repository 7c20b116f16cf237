namespace LedelsesInfo.Application.Features.Actions;

/// <summary>
/// How an action's figure has moved since the action began, against the movement it aimed for (docs/dashboards.md,
/// "Actions"): read from the same key-figure values the pages show (the newest snapshot, <see cref="Figures.Cell"/> as
/// internal readers see it), at the note's unit and period kind, from the note's period to the newest period with a value.
/// </summary>
public sealed record ActionProgress(decimal? StartValue, string? LatestPeriod, decimal? LatestValue, bool TargetReached, string Text);

public static class Progress
{
    public static async Task<IReadOnlyDictionary<long, ActionProgress>> ForAsync(IAppDbContext db, IReadOnlyCollection<FigureAction> actions, CancellationToken ct)
    {
        var result = new Dictionary<long, ActionProgress>();
        if (actions.Count == 0)
        {
            return result;
        }
        var asOf = await KpiQueries.LatestAsOfAsync(db, ct);
        foreach (var group in actions.GroupBy(a => a.PeriodKind))
        {
            var kind = group.Key;
            var codes = group.Select(a => a.KpiCode).Distinct().ToList();
            var units = group.Select(a => a.UnitId).Distinct().ToList();
            var from = group.Min(a => a.StartPeriod)!;
            var rows = asOf is { } day
                ? await db.KpiValues.AsNoTracking()
                    .Where(v => v.AsOf == day && v.PeriodKind == kind && codes.Contains(v.KpiCode) && units.Contains(v.UnitId) && string.Compare(v.Period, from) >= 0)
                    .Select(v => new { v.KpiCode, v.UnitId, v.Period, v.Numerator, v.Denominator }).ToListAsync(ct)
                : [];
            var byFigure = rows.ToLookup(r => (r.KpiCode, r.UnitId));
            foreach (var action in group)
            {
                var kpi = KpiCatalogue.Get(action.KpiCode);
                decimal? ValueOf(string period) => byFigure[(action.KpiCode, action.UnitId)].FirstOrDefault(r => r.Period == period) is { } r
                    ? Figures.Cell(kpi, action.UnitId, period, new KpiValue
                    {
                        KpiCode = r.KpiCode, UnitId = r.UnitId, Period = r.Period, PeriodKind = kind, AsOf = asOf!.Value, Numerator = r.Numerator, Denominator = r.Denominator,
                    }, null, Disclosure.Internal).Value
                    : null;
                var latest = byFigure[(action.KpiCode, action.UnitId)].Where(r => string.CompareOrdinal(r.Period, action.StartPeriod) > 0)
                    .Select(r => r.Period).OrderDescending().FirstOrDefault();
                result[action.Id] = Of(kpi, action, ValueOf(action.StartPeriod), latest, latest is null ? null : ValueOf(latest));
            }
        }
        return result;
    }

    /// <summary>The sentence: "F1 er steget fra 62,0 % til 71,0 % (marts 2026 til oktober 2026); målet var 80,0 % i juni 2027."</summary>
    public static ActionProgress Of(Kpi kpi, FigureAction action, decimal? startValue, string? latestPeriod, decimal? latestValue)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(action);
        string N(decimal? v) => KpiFormat.Number(kpi, v);
        var startName = Danish.Name(Periods.Parse(action.StartPeriod));
        var by = Danish.Name(Periods.Of(action.PeriodKind, action.TargetBy));
        var aim = action.TargetValue is { } target
            ? $"målet var {N(target)} i {by}"
            : $"målet var, at tallet skulle {Danish.Verb(action.Direction)} inden {by}";
        if (startValue is null)
        {
            return new ActionProgress(null, latestPeriod, latestValue, false,
                $"{kpi.Code} har intet tal for {startName}, hvor handlingen begyndte, så udviklingen kan ikke følges; {aim}.");
        }
        if (latestPeriod is null || latestValue is null)
        {
            return new ActionProgress(startValue, latestPeriod, null, false,
                $"{kpi.Code} var {N(startValue)} i {startName}; der er ingen nyere tal endnu. {Capital(aim)}.");
        }
        var moved = FigureActionRules.HeadingOf(startValue, latestValue)!.Value;
        var reached = action.TargetValue is { } t
            ? action.Direction switch { Heading.Up => latestValue >= t, Heading.Down => latestValue <= t, _ => Math.Abs(latestValue.Value - t) < 0.05m }
            : moved == action.Direction;
        var verdict = reached ? "Målet er nået."
            : moved == action.Direction ? "Det går den vej, handlingen sigter mod."
            : moved == Heading.Unchanged ? "Tallet har ikke flyttet sig endnu."
            : "Det går den modsatte vej af det, handlingen sigter mod.";
        var latestName = Danish.Name(Periods.Parse(latestPeriod));
        var change = moved == Heading.Unchanged
            ? $"{kpi.Code} er uændret {N(latestValue)} ({startName} til {latestName})"
            : $"{kpi.Code} er {Danish.Past(moved)} fra {N(startValue)} til {N(latestValue)} ({startName} til {latestName})";
        return new ActionProgress(startValue, latestPeriod, latestValue, reached, $"{change}; {aim}. {verdict}");
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
