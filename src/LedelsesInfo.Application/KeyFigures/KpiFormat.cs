using System.Globalization;
using LedelsesInfo.Domain;

namespace LedelsesInfo.Application.KeyFigures;

/// <summary>How a figure reads in Danish: shares with one decimal and a percent sign, counts as whole numbers (small counts are hidden before this, in <see cref="Figures.Cell"/>).</summary>
public static class KpiFormat
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

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
