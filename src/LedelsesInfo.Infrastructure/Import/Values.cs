using System.Globalization;
using System.Text.RegularExpressions;

namespace LedelsesInfo.Infrastructure.Import;

/// <summary>Parses the values of docs/formats.md. Each method returns null and a Danish reason on failure.</summary>
internal static partial class Values
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd-MM-yyyy"];
    private static readonly string[] TimestampFormats =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "dd-MM-yyyy HH:mm", "dd-MM-yyyy'T'HH:mm"];

    /// <summary>
    /// Decimal comma or point: <c>1234,50</c>, <c>1234.50</c>, <c>1.234,50</c>. With both marks the last one is the
    /// decimal mark. A lone point is a decimal point unless it groups thousands more than once (<c>1.234.567</c>).
    /// </summary>
    public static decimal? Decimal(string text, out string? error)
    {
        error = null;
        var s = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        var lastComma = s.LastIndexOf(',');
        var lastDot = s.LastIndexOf('.');
        string normalized;
        if (lastComma >= 0 && lastDot >= 0)
        {
            normalized = lastComma > lastDot
                ? s.Replace(".", "", StringComparison.Ordinal).Replace(',', '.')
                : s.Replace(",", "", StringComparison.Ordinal);
        }
        else if (lastComma >= 0)
        {
            normalized = s.Count(c => c == ',') == 1 ? s.Replace(',', '.') : s;
        }
        else if (ThousandsWithDots().IsMatch(s))
        {
            normalized = s.Replace(".", "", StringComparison.Ordinal);
        }
        else
        {
            normalized = s;
        }
        if (decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, Invariant, out var value))
        {
            return value;
        }
        error = "er ikke et tal (brug fx 1234,50 eller 1.234,50)";
        return null;
    }

    /// <summary>The largest amount a line may carry: far above any payment or budget line, far below where øre overflow.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    public static decimal? Money(string text, out string? error)
    {
        var value = Decimal(text, out error);
        if (value is { } v && decimal.Round(v, 2) != v)
        {
            error = "et beløb må højst have 2 decimaler (øre)";
            return null;
        }
        if (value is { } big && Math.Abs(big) > MaxAmount)
        {
            error = "er urimeligt stort for et beløb (højst 1.000.000.000.000 kr.)";
            return null;
        }
        return value;
    }

    public static int? Integer(string text, out string? error)
    {
        var value = Decimal(text, out error);
        if (value is { } v && decimal.Truncate(v) == v && v is >= int.MinValue and <= int.MaxValue)
        {
            return (int)v;
        }
        error ??= "skal være et helt tal";
        return null;
    }

    public static DateOnly? Date(string text, bool fromSpreadsheet, out string? error)
    {
        error = null;
        if (DateOnly.TryParseExact(text, DateFormats, Invariant, DateTimeStyles.None, out var date))
        {
            return date;
        }
        if (fromSpreadsheet && TrySerial(text, out var serial))
        {
            return DateOnly.FromDateTime(serial);
        }
        error = "er ikke en dato (brug åååå-mm-dd eller dd-mm-åååå)";
        return null;
    }

    public static DateTime? Timestamp(string text, bool fromSpreadsheet, out string? error)
    {
        error = null;
        if (DateTime.TryParseExact(text, TimestampFormats, Invariant, DateTimeStyles.None, out var value))
        {
            return value;
        }
        if (fromSpreadsheet && TrySerial(text, out var serial))
        {
            return serial;
        }
        error = "er ikke et tidspunkt (brug åååå-mm-dd tt:mm)";
        return null;
    }

    public static DateOnly? Month(string text, bool fromSpreadsheet, out string? error)
    {
        error = null;
        if (DateOnly.TryParseExact(text, "yyyy-MM", Invariant, DateTimeStyles.None, out var month))
        {
            return month;
        }
        if (fromSpreadsheet && TrySerial(text, out var serial) && serial.Day == 1)
        {
            return DateOnly.FromDateTime(serial);
        }
        error = "er ikke en måned (brug åååå-mm)";
        return null;
    }

    public static bool? Boolean(string text, out string? error)
    {
        error = null;
        switch (text.Trim().ToLowerInvariant())
        {
            case "ja" or "true" or "1" or "sand":
                return true;
            case "nej" or "false" or "0" or "falsk":
                return false;
            default:
                error = "skal være ja eller nej";
                return null;
        }
    }

    /// <summary>Excel stores dates as days since 1899-12-30; a spreadsheet cell formatted as a date arrives so.</summary>
    private static bool TrySerial(string text, out DateTime value)
    {
        value = default;
        if (double.TryParse(text, NumberStyles.Float, Invariant, out var serial) && serial is > 1 and < 2958465)
        {
            value = DateTime.FromOADate(serial);
            value = new DateTime(value.Year, value.Month, value.Day, value.Hour, value.Minute, 0, DateTimeKind.Unspecified);
            return true;
        }
        return false;
    }

    [GeneratedRegex(@"^[+-]?\d{1,3}(\.\d{3}){2,}$")]
    private static partial Regex ThousandsWithDots();
}
