using System.Globalization;
using LedelsesInfo.Domain;

namespace LedelsesInfo.Application.Features.Catalogue;

/// <summary>How a figure reads in Danish: shares with one decimal and a percent sign, small counts as "&lt;5".</summary>
public static class KpiFormat
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>The value as an audience sees it, after small-number suppression of this one cell.</summary>
    public static string Shown(Kpi kpi, decimal numerator, decimal? denominator)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        if (Suppression.IsPrimary(kpi.Cell(kpi.Code, numerator, denominator)))
        {
            return Suppression.Mark;
        }
        return Number(kpi, kpi.Value(numerator, denominator));
    }

    public static string Number(Kpi kpi, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        if (value is not { } v)
        {
            return "–";
        }
        return kpi.IsPercent ? v.ToString("N1", Danish) + " %"
            : kpi.Direction == KpiDirection.None ? v.ToString("N0", Danish)
            : v.ToString("N1", Danish);
    }

    public static string Period(PeriodKind kind) => kind switch
    {
        PeriodKind.Week => "ugentligt",
        PeriodKind.Month => "månedligt",
        PeriodKind.Quarter => "kvartalsvis",
        PeriodKind.Year => "årligt",
        _ => kind.ToString(),
    };

    public static string Level(UnitLevel level) => level switch
    {
        UnitLevel.Municipality => "kommune",
        UnitLevel.Department => "forvaltning",
        UnitLevel.Area => "afdeling",
        UnitLevel.Team => "team",
        _ => level.ToString(),
    };
}
