using System.Globalization;
using System.Text.RegularExpressions;

namespace LedelsesInfo.Application.Texts;

/// <summary>
/// A number as a Danish user types it in a form: "80", "72,5", "1.250" or "1.250,5" (a dot groups thousands). A dot that
/// does not group thousands, as in "72.5", is read as the decimal comma it was meant to be.
/// </summary>
public static partial class DanishNumber
{
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");

    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 30)
        {
            return false;
        }
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        t = Grouped().IsMatch(t) ? t.Replace(".", "", StringComparison.Ordinal) : t.Replace('.', ',');
        return decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Da, out value);
    }

    /// <summary>The number, or null when the text is empty or not a number (the validator has said so first).</summary>
    public static decimal? OrNull(string? text) => TryParse(text, out var v) ? v : null;

    [GeneratedRegex(@"^-?\d{1,3}(\.\d{3})+(,\d+)?$")]
    private static partial Regex Grouped();
}
