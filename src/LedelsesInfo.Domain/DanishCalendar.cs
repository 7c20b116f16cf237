namespace LedelsesInfo.Domain;

/// <summary>Danish working days: Monday to Friday that are not public holidays (docs/key-figures.md).</summary>
public static class DanishCalendar
{
    /// <summary>Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    public static IReadOnlyList<DateOnly> PublicHolidays(int year)
    {
        var easter = EasterSunday(year);
        var days = new List<DateOnly>
        {
            new(year, 1, 1),
            easter.AddDays(-3), // skærtorsdag
            easter.AddDays(-2), // langfredag
            easter,
            easter.AddDays(1), // 2. påskedag
            easter.AddDays(39), // Kristi himmelfartsdag
            easter.AddDays(49), // pinsedag
            easter.AddDays(50), // 2. pinsedag
            new(year, 12, 25),
            new(year, 12, 26),
        };
        if (year <= 2023)
        {
            days.Add(easter.AddDays(26)); // store bededag, abolished from 2024
        }
        days.Sort();
        return days;
    }

    public static bool IsPublicHoliday(DateOnly day) => PublicHolidays(day.Year).Contains(day);

    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsPublicHoliday(day);

    /// <summary>The n-th working day after <paramref name="from"/> (the day itself does not count).</summary>
    public static DateOnly AddWorkingDays(DateOnly from, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var day = from;
        while (n > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                n--;
            }
        }
        return day;
    }

    /// <summary>Calendar months; the 31st plus one month is the last day of the next month.</summary>
    public static DateOnly AddMonths(DateOnly from, int months) => from.AddMonths(months);
}
