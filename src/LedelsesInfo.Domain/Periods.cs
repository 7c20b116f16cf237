using System.Globalization;

namespace LedelsesInfo.Domain;

public enum PeriodKind
{
    [Code("uge")] Week,
    [Code("maaned")] Month,
    [Code("kvartal")] Quarter,
    [Code("aar")] Year,
}

/// <summary>A reporting period: an ISO week, a month, a quarter or a year, written as in the export.</summary>
public readonly record struct Period(PeriodKind Kind, string Key, DateOnly Start, DateOnly End)
{
    /// <summary>The last day the period covers as of a date: its end, or the as-of date when that comes first.</summary>
    public DateOnly LastDay(DateOnly asOf) => End < asOf ? End : asOf;

    public bool Contains(DateOnly day) => day >= Start && day <= End;
}

public static class Periods
{
    public static readonly PeriodKind[] All = [PeriodKind.Week, PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year];

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
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>Every period of the kind that overlaps the days from <paramref name="from"/> to <paramref name="to"/>, in order.</summary>
    public static IEnumerable<Period> Between(PeriodKind kind, DateOnly from, DateOnly to)
    {
        for (var period = Of(kind, from); period.Start <= to; period = Of(kind, period.End.AddDays(1)))
        {
            yield return period;
        }
    }

    /// <summary>Reads a key as written in the export: 2025, 2025-Q1, 2025-03, 2025-W09.</summary>
    public static Period Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
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
        throw new FormatException($"'{key}' er ikke en periode (brug 2025, 2025-Q1, 2025-03 eller 2025-W09).");
    }

}
