namespace LedelsesInfo.Domain;

/// <summary>Which side of a target is good.</summary>
public enum KpiDirection
{
    /// <summary>A count with no good or bad side (U1).</summary>
    None,
    High,
    Low,
    /// <summary>Good inside a band (S1: 20-30 cases per caseworker).</summary>
    Band,
    /// <summary>Good at or under the target (O1: spending within budget).</summary>
    AtMost,
}

/// <summary>The part of the work a figure belongs to: the sections of the committee's paper follow it.</summary>
public enum KpiArea
{
    /// <summary>Casework and the law's deadlines.</summary>
    [Code("sagsbehandling")] Casework,
    /// <summary>The strategy's goals: fewer placements, more in foster families.</summary>
    [Code("strategi")] Strategy,
    [Code("oekonomi")] Economy,
    /// <summary>Hours, sick leave, overtime, caseload and productivity.</summary>
    [Code("hr")] Hr,
    /// <summary>Results for the children: goals reached, placements that broke down, children notified about again.</summary>
    [Code("resultater")] Results,
}

/// <summary>What a figure's numerator and denominator are made of, which decides how they are stored and summed.</summary>
public enum KpiParts
{
    /// <summary>Counts, days, hours or FTE: decimal quantities.</summary>
    Quantities,
    /// <summary>Kroner (stored as whole øre on SQLite, docs/decisions/0005).</summary>
    Money,
}

/// <summary>
/// A key figure (nøgletal) of the catalogue: how its value is formed and read. One definition for every audience and
/// grain; the engine, the read side and the catalogue pages take every fact about a figure from here
/// (docs/key-figures.md). Adding a figure is one entry in <see cref="KpiCatalogue"/> and one fact module in the engine.
/// </summary>
/// <param name="Multiplier">100 for a share in percent, else 1.</param>
/// <param name="SourceFiles">The import files the figure is computed from (docs/formats.md).</param>
/// <param name="FromMonthlyData">Built on monthly data (budget, HR): computed by month, quarter and year, never by week.</param>
/// <param name="NumeratorCounts">The numerator counts individuals (children, notifications, deadlines), so small-number suppression judges it.</param>
/// <param name="DenominatorCounts">The same for the denominator.</param>
/// <param name="Parts">Money or quantities.</param>
/// <param name="DenominatorScale">The summed denominator is divided by this: 12 turns FTE-months into FTE-years, 100 hours into "per 100 hours", 1,000 children into "per 1,000".</param>
/// <param name="CountsDeadline">The statutory deadline kind the figure counts (B1, P1, F1, T1); null for the others.</param>
/// <param name="CaseworkerDefault">On for caseworkers in the default audience matrix (every other audience gets every figure).</param>
/// <param name="Counts">Who or what the figure counts, written out for the reader (for HR figures: which employees).</param>
/// <param name="Reading">How to read the figure's unit, in plain Danish with an example, for the catalogue.</param>
/// <param name="Additive">A unit's numerator and denominator are its children's sums plus what is registered at the unit itself
/// (a director, a secretariat), so a remainder ("Øvrige / stab") can be shown. Not so for A1, which counts distinct children.</param>
/// <param name="Area">The part of the work the figure belongs to.</param>
/// <param name="ChangeUnit">The unit a difference is written in ("dage", "timer"); shares always differ in "point".</param>
/// <param name="RollingWindows">A statutory deadline figure: also computed for the rolling 3 and 12 months ending with each
/// month, by summing the months' numerators and denominators, so a small team's month is read against a stable base.</param>
public sealed record Kpi(
    string Code,
    string Name,
    string Unit,
    KpiDirection Direction,
    decimal Multiplier,
    string Description,
    string Rule,
    string? LegalBasis,
    string SourceFiles,
    bool FromMonthlyData = false,
    decimal? BandLow = null,
    decimal? BandHigh = null,
    bool NumeratorCounts = true,
    bool DenominatorCounts = true,
    KpiParts Parts = KpiParts.Quantities,
    decimal DenominatorScale = 1,
    DeadlineKind? CountsDeadline = null,
    bool CaseworkerDefault = false,
    string? Counts = null,
    bool Additive = true,
    string? Reading = null,
    KpiArea Area = KpiArea.Casework,
    bool RollingWindows = false,
    string? ChangeUnit = null)
{
    /// <summary>What a difference between two values is counted in: "point" for a share, else the figure's own short unit.</summary>
    public string DifferenceUnit => IsPercent ? "point" : ChangeUnit ?? "";

    /// <summary>
    /// The cell small-number suppression judges: only the parts that count individuals (notifications, deadlines,
    /// children, cases, completed tasks). Money, FTE, hours and population are not counts of people and are never "&lt;5".
    /// </summary>
    public SuppressionCell Cell(string key, decimal numerator, decimal? denominator) =>
        new(key, NumeratorCounts ? numerator : null, DenominatorCounts ? denominator : null);

    public bool IsPercent => Multiplier == 100m;

    /// <summary>A count shown as a whole number (U1).</summary>
    public bool IsCount => Direction == KpiDirection.None;

    /// <summary>numerator ÷ denominator (× 100 for a share); a count is its numerator; no value when the denominator is 0.</summary>
    public decimal? Value(decimal numerator, decimal? denominator) =>
        denominator is null ? numerator : denominator == 0 ? null : numerator / denominator.Value * Multiplier;

    public string GoodWhen => Direction switch
    {
        KpiDirection.High => "høj",
        KpiDirection.Low => "lav",
        KpiDirection.Band => $"{BandLow:0}-{BandHigh:0}",
        KpiDirection.AtMost => "nær 100, højst målet",
        _ => "—",
    };

    /// <summary>Whether the figure is computed for a kind of period (monthly data have no weeks of their own).</summary>
    public bool ComputedFor(PeriodKind kind) => !(FromMonthlyData && kind == PeriodKind.Week) && (RollingWindows || Periods.Months(kind) == 0);

    /// <summary>
    /// Whether a week's value is shown to a reader. Money is booked once or twice a month, so a week's share of it (O2 at
    /// 100 % in a week with only preventive postings) says nothing; the export still has it, as the rule computes it.
    /// </summary>
    public bool ShownFor(PeriodKind kind) => ComputedFor(kind) && !(Parts == KpiParts.Money && kind == PeriodKind.Week);

    public override string ToString() => Code;
}
