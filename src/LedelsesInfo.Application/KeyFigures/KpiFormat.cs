using System.Globalization;

namespace LedelsesInfo.Application.KeyFigures;

/// <summary>How a figure reads in Danish: shares with one decimal and a percent sign, counts as whole numbers (small counts are hidden before this, in <see cref="Figures.Cell"/>).</summary>
public static class KpiFormat
{
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");

    public static string Number(Kpi kpi, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        if (value is not { } v)
        {
            return Figures.NoData;
        }
        return kpi.IsPercent ? v.ToString("N1", Da) + " %"
            : kpi.Direction == KpiDirection.None ? v.ToString("N0", Da)
            : v.ToString("N1", Da);
    }
}
