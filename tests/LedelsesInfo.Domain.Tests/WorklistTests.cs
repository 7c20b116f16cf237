namespace LedelsesInfo.Domain.Tests;

/// <summary>The worklists' groups and order on hand-made deadlines around a week boundary and public holidays.</summary>
public sealed class WorklistTests
{
    // Monday 7 December 2026 (week 50); the week ends Sunday 13 December.
    private static readonly DateOnly Monday = new(2026, 12, 7);

    [Theory]
    [InlineData("2026-12-07", WorkGroup.ThisWeek)]      // today
    [InlineData("2026-12-11", WorkGroup.ThisWeek)]      // Friday
    [InlineData("2026-12-13", WorkGroup.ThisWeek)]      // Sunday: still this week
    [InlineData("2026-12-14", WorkGroup.Upcoming)]      // next Monday: the next week
    [InlineData("2026-12-06", WorkGroup.NewlyOverdue)]  // yesterday (Sunday of last week)
    [InlineData("2026-11-30", WorkGroup.NewlyOverdue)]  // the same day last week: 7 days over
    [InlineData("2026-11-29", WorkGroup.Overdue)]       // 8 days over
    [InlineData("2026-09-07", WorkGroup.Overdue)]       // exactly three months
    [InlineData("2026-09-06", WorkGroup.LongOverdue)]   // more than three months
    [InlineData("2018-03-01", WorkGroup.LongOverdue)]
    public void A_deadline_falls_in_the_group_of_what_to_do_with_it(string due, WorkGroup group) =>
        Assert.Equal(group, Worklist.GroupOf(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Monday));

    [Fact]
    public void A_deadline_on_a_holiday_after_the_week_must_be_done_in_the_week_before_it()
    {
        // Easter 2027: Monday 29 March is 2. påskedag, and Thursday 25 and Friday 26 March are holidays too. A deadline on
        // Easter Monday must be ready by Wednesday 24 March, so on Monday 22 March it belongs to this week.
        var monday = new DateOnly(2027, 3, 22);
        var easterMonday = new DateOnly(2027, 3, 29);
        Assert.Equal(new DateOnly(2027, 3, 24), Worklist.ActBy(easterMonday));
        Assert.Equal(WorkGroup.ThisWeek, Worklist.GroupOf(easterMonday, monday));
        // The Tuesday after Easter is a working day: it is next week's.
        Assert.Equal(WorkGroup.Upcoming, Worklist.GroupOf(easterMonday.AddDays(1), monday));
        // On Wednesday the 24th the Easter Monday deadline is today's work, though five days remain.
        Assert.True(Worklist.IsToday(easterMonday, new DateOnly(2027, 3, 24)));
        Assert.False(Worklist.IsToday(easterMonday, monday));
    }

    [Fact]
    public void The_list_opens_with_this_week_then_the_newly_overdue_then_the_overdue_then_the_long_tail()
    {
        var dues = new (string Case, string Due)[]
        {
            ("S9", "2018-01-15"), ("S1", "2026-10-01"), ("S2", "2026-12-09"), ("S3", "2026-12-03"), ("S4", "2026-12-18"),
            ("S5", "2026-12-07"), ("S6", "2026-11-02"), ("S7", "2026-12-01"),
        }.Select(d => (d.Case, Due: DateOnly.Parse(d.Due, System.Globalization.CultureInfo.InvariantCulture))).ToList();

        var ordered = Worklist.InWorkingOrder(dues, Monday, d => d.Due, d => d.Case).Select(d => d.Case).ToList();

        Assert.Equal(["S5", "S2", "S7", "S3", "S1", "S6", "S9", "S4"], ordered);
        var counts = WorkCounts.Of(dues.Select(d => d.Due), Monday);
        Assert.Equal(new WorkCounts(ThisWeek: 2, NewlyOverdue: 2, Overdue: 2, LongOverdue: 1, Upcoming: 1), counts);
        Assert.Equal(7, counts.ToAct);
    }
}
