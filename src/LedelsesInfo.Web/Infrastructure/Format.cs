using System.Globalization;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>Danish number, money and date formats for the pages.</summary>
public static class Format
{
    public static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>Danish time, for instants the database keeps in UTC (when a snapshot was computed).</summary>
    public static readonly TimeZoneInfo DanishTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public static string Count(int value) => value.ToString("N0", Danish);

    public static string Kroner(decimal value) => value.ToString("N0", Danish) + " kr.";

    public static string Date(DateOnly? value) => value?.ToString("d. MMMM yyyy", Danish) ?? "–";

    public static string DateTime(DateTime? value) => value?.ToString("d. MMM yyyy 'kl.' HH:mm", Danish) ?? "–";

    /// <summary>A duration in seconds with one decimal: "12,4 s".</summary>
    public static string Seconds(double seconds) => seconds.ToString("N1", Danish) + " s";
}
