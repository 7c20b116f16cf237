using LedelsesInfo.Domain;

namespace LedelsesInfo.Domain.Tests;

public sealed class DanishCalendarTests
{
    [Theory]
    [InlineData(2023, 4, 9)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2038, 4, 25)]
    public void Easter_sunday_is_computed(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), DanishCalendar.EasterSunday(year));

    [Fact]
    public void Store_bededag_is_a_holiday_in_2023_and_not_from_2024()
    {
        Assert.True(DanishCalendar.IsPublicHoliday(new DateOnly(2023, 5, 5)));
        Assert.False(DanishCalendar.IsPublicHoliday(new DateOnly(2024, 4, 26)));
        Assert.True(DanishCalendar.IsWorkingDay(new DateOnly(2024, 4, 26)));
    }

    [Fact]
    public void The_holidays_of_2025_are_exactly_the_danish_ones()
    {
        DateOnly[] expected =
        [
            new(2025, 1, 1), new(2025, 4, 17), new(2025, 4, 18), new(2025, 4, 20), new(2025, 4, 21),
            new(2025, 5, 29), new(2025, 6, 8), new(2025, 6, 9), new(2025, 12, 25), new(2025, 12, 26),
        ];
        Assert.Equal(expected, DanishCalendar.PublicHolidays(2025));
        Assert.False(DanishCalendar.IsPublicHoliday(new DateOnly(2025, 6, 5))); // grundlovsdag is not a public holiday
        Assert.False(DanishCalendar.IsPublicHoliday(new DateOnly(2025, 12, 24)));
    }

    [Fact]
    public void Six_working_days_from_the_wednesday_before_easter_2024_skip_the_easter_holidays()
    {
        // Wed 27 March 2024; Thu 28, Fri 29 (holidays), weekend, Mon 1 April (holiday): Tue 2, Wed 3, Thu 4, Fri 5, Mon 8, Tue 9.
        Assert.Equal(new DateOnly(2024, 4, 9), DanishCalendar.AddWorkingDays(new DateOnly(2024, 3, 27), 6));
    }

    [Fact]
    public void Working_days_from_a_friday_start_on_monday()
    {
        Assert.Equal(new DateOnly(2025, 3, 10), DanishCalendar.AddWorkingDays(new DateOnly(2025, 3, 7), 1));
    }

    [Theory]
    [InlineData("2025-01-31", 1, "2025-02-28")]
    [InlineData("2024-01-31", 1, "2024-02-29")]
    [InlineData("2024-10-31", 4, "2025-02-28")]
    [InlineData("2025-03-15", 3, "2025-06-15")]
    public void Calendar_months_clamp_to_the_last_day_of_the_month(string from, int months, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            DanishCalendar.AddMonths(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), months));
}
