using System.Globalization;

namespace LedelsesInfo.Domain;

public enum PeriodKind
{
    [Code("uge")] Week,
    [Code("maaned")] Month,
    [Code("kvartal")] Quarter,
    [Code("aar")] Year,
    /// <summary>The rolling 3 months ending with a month (<c>2025-03-R3</c>: January-March 2025).</summary>
    [Code("rullende3")] Rolling3,
    /// <summary>The rolling 12 months ending with a month (<c>2025-03-R12</c>: April 2024-March 2025).</summary>
    [Code("rullende12")] Rolling12,
}

/// <summary>A reporting period: an ISO week, a month, a quarter, a year or a rolling window of months, written as in the export.</summary>
public readonly record struct Period(PeriodKind Kind, string Key, DateOnly Start, DateOnly End)
{
    /// <summary>The last day the period covers as of a date: its end, or the as-of date when that comes first.</summary>
    public DateOnly LastDay(DateOnly asOf) => End < asOf ? End : asOf;

    public bool Contains(DateOnly day) => day >= Start && day <= End;
}

public static class Periods
{
    /// <summary>The calendar periods every figure is computed for (monthly data: not weeks).</summary>
    public static readonly PeriodKind[] All = [PeriodKind.Week, PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year];

    /// <summary>The rolling windows, summed from their months for the figures that have them (docs/key-figures.md).</summary>
    public static readonly PeriodKind[] Rolling = [PeriodKind.Rolling3, PeriodKind.Rolling12];

    /// <summary>How many months a rolling window spans; 0 for a calendar period.</summary>
    public static int Months(PeriodKind kind) => kind switch { PeriodKind.Rolling3 => 3, PeriodKind.Rolling12 => 12, _ => 0 };

    /// <summary>The months of a rolling window, oldest first.</summary>
    public static IEnumerable<Period> MonthsOf(Period window)
    {
        for (var month = window.Start; month <= window.End; month = month.AddMonths(1))
        {
            yield return Of(PeriodKind.Month, month);
        }
    }

    public static Period Of(PeriodKind kind, DateOnly day)
    {
        switch (kind)
        {
            case PeriodKind.Week:
            {
                var date = day.ToDateTime(TimeOnly.MinValue);
                var year = ISOWeek.GetYear(date);
                var week = ISOWeek.GetWeekOfYear(date);
                var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
                return new Period(kind, $"{year:D4}-W{week:D2}", monday, monday.AddDays(6));
            }
            case PeriodKind.Month:
            {
                var start = new DateOnly(day.Year, day.Month, 1);
                return new Period(kind, $"{day.Year:D4}-{day.Month:D2}", start, start.AddMonths(1).AddDays(-1));
            }
            case PeriodKind.Quarter:
            {
                var quarter = ((day.Month - 1) / 3) + 1;
                var start = new DateOnly(day.Year, ((quarter - 1) * 3) + 1, 1);
                return new Period(kind, $"{day.Year:D4}-Q{quarter}", start, start.AddMonths(3).AddDays(-1));
            }
            case PeriodKind.Year:
                return new Period(kind, $"{day.Year:D4}", new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31));
            case PeriodKind.Rolling3 or PeriodKind.Rolling12:
            {
                // The window that ends with the day's month.
                var end = new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1);
                var start = new DateOnly(day.Year, day.Month, 1).AddMonths(1 - Months(kind));
                return new Period(kind, $"{day.Year:D4}-{day.Month:D2}-R{Months(kind)}", start, end);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>
    /// Every period of the kind that overlaps the days from <paramref name="from"/> to <paramref name="to"/>, in order; for a
    /// rolling window, every window that ends with one of those days' months.
    /// </summary>
    public static IEnumerable<Period> Between(PeriodKind kind, DateOnly from, DateOnly to)
    {
        for (var period = Of(kind, from); Months(kind) == 0 ? period.Start <= to : period.End.AddDays(1 - period.End.Day) <= to; period = Of(kind, period.End.AddDays(1)))
        {
            yield return period;
        }
    }

    /// <summary>Reads a key as written in the export: 2025, 2025-Q1, 2025-03, 2025-W09.</summary>
    /// <summary>
    /// Keys already parsed: a dashboard parses the same few hundred keys for every figure, chart and label (5 % of a
    /// computed management page; docs/performance.md). Only keys that are periods are kept, and at most
    /// <see cref="MaxParsed"/> of them, so addresses made up to fill it cannot make it grow without end.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Period> Parsed = new(StringComparer.Ordinal);

    private const int MaxParsed = 20_000;

    public static Period Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Parsed.TryGetValue(key, out var known))
        {
            return known;
        }
        var period = ParseKey(key);
        if (Parsed.Count < MaxParsed)
        {
            Parsed.TryAdd(key, period);
        }
        return period;
    }

    private static Period ParseKey(string key)
    {
        if (key.Length == 4 && int.TryParse(key, CultureInfo.InvariantCulture, out var year))
        {
            return Of(PeriodKind.Year, new DateOnly(year, 1, 1));
        }
        if (key.Length == 7 && key[5] == 'Q' && int.TryParse(key[..4], CultureInfo.InvariantCulture, out year) && key[6] is >= '1' and <= '4')
        {
            return Of(PeriodKind.Quarter, new DateOnly(year, ((key[6] - '1') * 3) + 1, 1));
        }
        if (key.Length == 8 && key[5] == 'W' && int.TryParse(key[..4], CultureInfo.InvariantCulture, out year)
            && int.TryParse(key[6..], CultureInfo.InvariantCulture, out var week) && week >= 1 && week <= ISOWeek.GetWeeksInYear(year))
        {
            return Of(PeriodKind.Week, DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)));
        }
        if (key.Length == 7 && key[4] == '-' && DateOnly.TryParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return Of(PeriodKind.Month, month);
        }
        if (key.Length is 10 or 11 && key[4] == '-' && key[7] == '-' && key[8] == 'R' && (key[9..] is "3" or "12")
            && DateOnly.TryParseExact(key[..7] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var ending))
        {
            return Of(key[9..] == "3" ? PeriodKind.Rolling3 : PeriodKind.Rolling12, ending);
        }
        throw new FormatException($"'{key}' er ikke en periode (brug 2025, 2025-Q1, 2025-03, 2025-W09, 2025-03-R3 eller 2025-03-R12).");
    }

}
