using System.Text.RegularExpressions;

namespace LedelsesInfo.Domain;

public static partial class ChildIds
{
    /// <summary>
    /// True when the value could be a CPR number: ten digits (optionally with a dash or space after six)
    /// whose first six form a valid date. The portal must never hold CPR numbers, so a false alarm on a
    /// pseudonym is the lesser evil; modulus-11 is not checked, because CPR numbers since 2007 need not pass it.
    /// </summary>
    public static bool LooksLikeCpr(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }
        var match = CprPattern().Match(value);
        if (!match.Success)
        {
            return false;
        }
        var day = int.Parse(match.Groups["d"].Value);
        var month = int.Parse(match.Groups["m"].Value);
        var year = int.Parse(match.Groups["y"].Value);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2000 + year, month);
    }

    /// <summary>
    /// The text with every number in it that could be a CPR number masked to its date ("010203-****"), for wherever a
    /// rejected value is kept or shown (row errors, messages, the console).
    /// </summary>
    public static string? MaskCpr(string? value) =>
        value is null ? null : CprPattern().Replace(value, m => LooksLikeCpr(m.Value) ? $"{m.Groups["d"].Value}{m.Groups["m"].Value}{m.Groups["y"].Value}-****" : m.Value);

    [GeneratedRegex(@"(?<!\d)(?<d>\d{2})(?<m>\d{2})(?<y>\d{2})[- ]?\d{4}(?!\d)")]
    private static partial Regex CprPattern();
}
