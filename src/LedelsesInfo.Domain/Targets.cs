namespace LedelsesInfo.Domain;

public enum TargetStatus
{
    None,
    Green,
    Yellow,
    Red,
}

/// <summary>
/// Status against a target (docs/key-figures.md): green on the good side, yellow within 5 percentage points (shares)
/// or 5 % of the target (other units) on the bad side, red beyond. Always shown with words, never by colour alone.
/// </summary>
public static class Targets
{
    public static TargetStatus Status(Kpi kpi, decimal? value, decimal? target)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        if (value is not { } v || kpi.Direction == KpiDirection.None)
        {
            return TargetStatus.None;
        }
        if (kpi.Direction == KpiDirection.Band)
        {
            // The band is the law's recommendation; the tolerance is 5 % of the nearer edge.
            var low = kpi.BandLow!.Value;
            var high = kpi.BandHigh!.Value;
            if (v >= low && v <= high)
            {
                return TargetStatus.Green;
            }
            var edge = v < low ? low : high;
            return Math.Abs(v - edge) <= edge * 0.05m ? TargetStatus.Yellow : TargetStatus.Red;
        }
        if (target is not { } t)
        {
            return TargetStatus.None;
        }
        var shortfall = kpi.Direction == KpiDirection.High ? t - v : v - t;
        if (shortfall <= 0)
        {
            return TargetStatus.Green;
        }
        var tolerance = kpi.IsPercent ? 5m : Math.Abs(t) * 0.05m;
        return shortfall <= tolerance ? TargetStatus.Yellow : TargetStatus.Red;
    }

    /// <summary>A unit without its own target inherits its nearest ancestor's for the same figure and year.</summary>
    public static decimal? Inherited(string unitId, Func<string, string?> parentOf, Func<string, decimal?> ownTarget)
    {
        ArgumentNullException.ThrowIfNull(parentOf);
        ArgumentNullException.ThrowIfNull(ownTarget);
        for (string? unit = unitId; unit is not null; unit = parentOf(unit))
        {
            if (ownTarget(unit) is { } target)
            {
                return target;
            }
        }
        return null;
    }
}
