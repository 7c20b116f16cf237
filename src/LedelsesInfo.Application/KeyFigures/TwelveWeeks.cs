namespace LedelsesInfo.Application.KeyFigures;

/// <summary>
/// The 12 weeks a team's and a caseworker's deadline compliance is read over: the ISO week of the day and the 11 before
/// it, from that Monday up to the day itself. One definition, so the team leader's page and the caseworker's own page give
/// the same number for the same caseworker, each with the period written out.
/// </summary>
public sealed record TwelveWeeks(DateOnly From, DateOnly To)
{
    public static TwelveWeeks Ending(DateOnly day) => new(Periods.Of(PeriodKind.Week, day).Start.AddDays(-7 * 11), day);

    /// <summary>Whether a deadline falls in the window.</summary>
    public bool Contains(DateOnly due) => due >= From && due <= To;

    /// <summary>"uge 38-49 2026 (14. september-30. november 2026)"; the years are written where the window crosses one.</summary>
    public string Name
    {
        get
        {
            var first = Periods.Of(PeriodKind.Week, From);
            var last = Periods.Of(PeriodKind.Week, To);
            var weeks = first.Key[..4] == last.Key[..4]
                ? $"uge {WeekNumber(first)}-{WeekNumber(last)} {last.Key[..4]}"
                : $"uge {WeekNumber(first)} {first.Key[..4]} - uge {WeekNumber(last)} {last.Key[..4]}";
            return $"{weeks} ({Danish.Date(From)} til {Danish.Date(To)})";
        }
    }

    private static int WeekNumber(Period week) => int.Parse(week.Key[6..], System.Globalization.CultureInfo.InvariantCulture);
}
