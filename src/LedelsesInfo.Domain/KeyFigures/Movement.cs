namespace LedelsesInfo.Domain;

/// <summary>How a figure moved between two periods, read in its own direction (docs/key-figures.md, "Better or worse").</summary>
public enum Movement
{
    /// <summary>One of the two values is missing or hidden: nothing to compare.</summary>
    Unknown,
    Unchanged,
    Better,
    Worse,
    /// <summary>The figure has no good side (a count such as U1): it rose or fell, neither better nor worse.</summary>
    Changed,
}

public static class Movements
{
    /// <summary>
    /// Better or worse in the figure's direction: higher for <see cref="KpiDirection.High"/>, lower for
    /// <see cref="KpiDirection.Low"/> and <see cref="KpiDirection.AtMost"/>, nearer the band for
    /// <see cref="KpiDirection.Band"/> (inside it is as good as it gets). Values equal at the shown precision (one decimal)
    /// are unchanged.
    /// </summary>
    public static Movement Of(Kpi kpi, decimal? before, decimal? now)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        if (before is not { } b || now is not { } n)
        {
            return Movement.Unknown;
        }
        b = Math.Round(b, 1, MidpointRounding.AwayFromZero);
        n = Math.Round(n, 1, MidpointRounding.AwayFromZero);
        if (b == n)
        {
            return Movement.Unchanged;
        }
        return kpi.Direction switch
        {
            KpiDirection.None => Movement.Changed,
            KpiDirection.High => n > b ? Movement.Better : Movement.Worse,
            KpiDirection.Band => OutsideBand(kpi, n) == OutsideBand(kpi, b) ? Movement.Unchanged
                : OutsideBand(kpi, n) < OutsideBand(kpi, b) ? Movement.Better : Movement.Worse,
            _ => n < b ? Movement.Better : Movement.Worse,
        };
    }

    /// <summary>How far a value is outside the figure's band; 0 inside it.</summary>
    public static decimal OutsideBand(Kpi kpi, decimal value)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        var low = kpi.BandLow ?? value;
        var high = kpi.BandHigh ?? value;
        return value < low ? low - value : value > high ? value - high : 0;
    }
}
