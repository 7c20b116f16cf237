namespace LedelsesInfo.Infrastructure.Import;

/// <summary>
/// The plausible range of every date, timestamp and month in every file (docs/formats.md): nothing before the source
/// systems' history (1990), and nothing after what the field allows. What has happened (a notification received, a payment
/// posted, a follow-up made) is at most today; a decision may name a start up to a year ahead, a measure a planned end up to
/// ten years ahead, the budget next year's months. A row outside is rejected with the reason, so a typo of 2062 or 9999
/// never reaches the key figures.
/// </summary>
internal static class DateRanges
{
    public static readonly DateOnly Earliest = new(1990, 1, 1);

    public static DateOnly Latest(string file, string column, DateOnly today) => (file, column) switch
    {
        ("activities", "end_on") => today.AddYears(10),
        ("activities", "start_on" or "decided_on") => today.AddYears(1),
        ("budget", "month") => new DateOnly(today.Year + 1, 12, 1),
        ("hr", "month") => new DateOnly(today.Year, today.Month, 1),
        _ => today,
    };

    /// <summary>Null when the day is in range; else the Danish reason.</summary>
    public static string? Check(string file, string column, DateOnly day, DateOnly today)
    {
        var latest = Latest(file, column, today);
        if (day >= Earliest && day <= latest)
        {
            return null;
        }
        var da = System.Globalization.CultureInfo.GetCultureInfo("da-DK");
        return day < Earliest
            ? $"ligger før {Earliest.ToString("d. MMMM yyyy", da)}, før kildesystemernes historik"
            : latest == today
                ? $"ligger i fremtiden (efter i dag, {today.ToString("d. MMMM yyyy", da)}); noget, der er sket, kan ikke have en senere dato"
                : $"ligger for langt ude i fremtiden (senest {latest.ToString("d. MMMM yyyy", da)})";
    }
}
