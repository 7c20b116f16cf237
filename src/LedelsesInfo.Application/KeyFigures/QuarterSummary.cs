namespace LedelsesInfo.Application.KeyFigures;

/// <summary>
/// One figure on the first page of the committee's paper: the quarter, the quarter before and the same quarter last year,
/// the target and its status in words, and what changed since the quarter before, read in the figure's direction.
/// </summary>
public sealed record SummaryLine(FigureCell Current, FigureCell Previous, FigureCell LastYear, Movement Movement, StatusText Status, string Change)
{
    public Kpi Kpi => Current.Kpi;

    /// <summary>The status is not the one it had the quarter before (both known): these come first.</summary>
    public bool StatusChanged => Current.Status != TargetStatus.None && Previous.Status != TargetStatus.None && Current.Status != Previous.Status;
}

/// <summary>A status with its words; the words are what an export writes.</summary>
public sealed record StatusText(TargetStatus Status, string Text)
{
    public override string ToString() => Text;
}

public static class QuarterSummary
{
    /// <summary>The lines in catalogue order, with those whose status changed since the quarter before first.</summary>
    public static IReadOnlyList<SummaryLine> Lines(IEnumerable<(FigureCell Current, FigureCell Previous, FigureCell LastYear)> figures, string? previousName)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return figures
            .Select(f => new SummaryLine(f.Current, f.Previous, f.LastYear, Movements.Of(f.Current.Kpi, Shown(f.Previous), Shown(f.Current)),
                Status(f.Current), Change(f.Current, f.Previous, previousName)))
            .Select((line, order) => (line, order))
            .OrderBy(x => x.line.StatusChanged ? 0 : 1).ThenBy(x => x.order)
            .Select(x => x.line).ToList();
    }

    private static decimal? Shown(FigureCell cell) => cell.Hidden ? null : cell.Value;

    /// <summary>"Rød: 12,4 point under målet", "Gul: 0,8 over målet", "Grøn: målet er nået", "Ingen status".</summary>
    public static StatusText Status(FigureCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var kpi = cell.Kpi;
        if (cell.Status is TargetStatus.None or TargetStatus.Green || cell.Value is not { } v)
        {
            return new StatusText(cell.Status, Danish.Name(cell.Status));
        }
        var colour = cell.Status == TargetStatus.Red ? "Rød" : "Gul";
        if (kpi.Direction == KpiDirection.Band)
        {
            var below = v < kpi.BandLow ? "under" : "over";
            return new StatusText(cell.Status, $"{colour}: {Distance(kpi, Movements.OutsideBand(kpi, v))} {below} anbefalingen på {kpi.BandLow!.Value.ToString("0.#", Danish.Culture)}-{kpi.BandHigh!.Value.ToString("0.#", Danish.Culture)}");
        }
        var target = cell.Target!.Value;
        var side = v < target ? "under" : "over";
        var distance = Math.Abs(v - target);
        return new StatusText(cell.Status, Figures.Round1(distance) == 0 ? $"{colour}: lige {side} målet" : $"{colour}: {Distance(kpi, distance)} {side} målet");
    }

    /// <summary>
    /// What changed since the quarter before (the column beside it), in one sentence that says whether it is better or
    /// worse: "Bedre: steget fra 62,0 % til 71,0 % (+9,0 point)."
    /// </summary>
    public static string Change(FigureCell current, FigureCell previous, string? previousName)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        var kpi = current.Kpi;
        if (current.Hidden)
        {
            return "Tallet bygger på under 5 og er skjult.";
        }
        if (current.Value is not { } now)
        {
            return "Intet tal i kvartalet.";
        }
        var before = previous.Hidden ? null : previous.Value;
        if (previousName is null || before is not { } b)
        {
            return previous.Hidden ? $"Tallet for {previousName} er skjult (under 5), så der er intet at sammenligne med."
                : $"Intet tal for {previousName ?? "kvartalet før"} at sammenligne med.";
        }
        var movement = Movements.Of(kpi, b, now);
        if (movement == Movement.Unchanged)
        {
            return $"Uændret: {KpiFormat.Number(kpi, now)} som i {previousName}.";
        }
        var verb = Figures.Round1(now) > Figures.Round1(b) ? "steget" : "faldet";
        var difference = Figures.Round1(now) - Figures.Round1(b);
        var moved = $"{verb} fra {KpiFormat.Number(kpi, b)} til {KpiFormat.Number(kpi, now)} ({(difference > 0 ? "+" : "−")}{Distance(kpi, Math.Abs(difference))})";
        return movement switch
        {
            Movement.Better => $"Bedre: {moved}.",
            Movement.Worse => $"Dårligere: {moved}.",
            _ => $"{char.ToUpperInvariant(moved[0])}{moved[1..]}.",
        };
    }

    /// <summary>A difference in the figure's unit: "9,0 point" for a share, "13" for a count, "1,2" otherwise.</summary>
    private static string Distance(Kpi kpi, decimal difference) =>
        kpi.IsPercent ? Figures.Round1(difference).ToString("N1", Danish.Culture) + " point"
            : kpi.IsCount ? difference.ToString("N0", Danish.Culture)
            : Figures.Round1(difference).ToString("N1", Danish.Culture);
}
