namespace LedelsesInfo.Domain;

/// <summary>Where a deadline not yet done stands in a week's work, in the order the worklists show the groups.</summary>
public enum WorkGroup
{
    /// <summary>Not yet overdue, and to be done this week: the last working day on or before the deadline falls in the week.</summary>
    [Code("denne_uge")] ThisWeek,
    /// <summary>Overdue since the same day last week (1-7 days).</summary>
    [Code("nye_overskredne")] NewlyOverdue,
    /// <summary>Overdue by more than a week and at most three months.</summary>
    [Code("overskredne")] Overdue,
    /// <summary>Overdue by more than three months: the long tail, folded.</summary>
    [Code("aeldre")] LongOverdue,
    /// <summary>Not this week, but within the 14 days the lists look ahead.</summary>
    [Code("kommende")] Upcoming,
}

/// <summary>
/// The worklists' order (docs/dashboards.md, "The week's work"): what to do now first. A deadline that falls on a weekend
/// or a public holiday must be done by the working day before it, so it belongs to the week of that working day.
/// </summary>
public static class Worklist
{
    /// <summary>The last working day on or before the deadline: the day the work must be done by.</summary>
    public static DateOnly ActBy(DateOnly due)
    {
        var day = due;
        for (var i = 0; i < 14 && !DanishCalendar.IsWorkingDay(day); i++)
        {
            day = day.AddDays(-1);
        }
        return day;
    }

    /// <summary>The group of a deadline not done by <paramref name="day"/>.</summary>
    public static WorkGroup GroupOf(DateOnly due, DateOnly day)
    {
        if (due < day)
        {
            return due >= day.AddDays(-7) ? WorkGroup.NewlyOverdue : due >= day.AddMonths(-3) ? WorkGroup.Overdue : WorkGroup.LongOverdue;
        }
        return ActBy(due) <= EndOfWeek(day) ? WorkGroup.ThisWeek : WorkGroup.Upcoming;
    }

    /// <summary>Whether the work is for today: its last working day is today (or already passed while the deadline has not).</summary>
    public static bool IsToday(DateOnly due, DateOnly day) => due >= day && ActBy(due) <= day;

    /// <summary>The Sunday that ends the ISO week of the day.</summary>
    public static DateOnly EndOfWeek(DateOnly day) => day.AddDays((7 - (int)day.DayOfWeek) % 7);

    /// <summary>Deadlines in working order: by group, then the oldest or nearest deadline first, then by case.</summary>
    public static IEnumerable<T> InWorkingOrder<T>(IEnumerable<T> items, DateOnly day, Func<T, DateOnly> due, Func<T, string> caseId) =>
        items.OrderBy(i => GroupOf(due(i), day)).ThenBy(due).ThenBy(caseId, StringComparer.Ordinal);
}

/// <summary>The count of each group in a worklist.</summary>
public sealed record WorkCounts(int ThisWeek, int NewlyOverdue, int Overdue, int LongOverdue, int Upcoming)
{
    public static WorkCounts Of(IEnumerable<DateOnly> dues, DateOnly day)
    {
        var groups = dues.Select(d => Worklist.GroupOf(d, day)).ToList();
        int N(WorkGroup g) => groups.Count(x => x == g);
        return new(N(WorkGroup.ThisWeek), N(WorkGroup.NewlyOverdue), N(WorkGroup.Overdue), N(WorkGroup.LongOverdue), N(WorkGroup.Upcoming));
    }

    public int Get(WorkGroup group) => group switch
    {
        WorkGroup.ThisWeek => ThisWeek,
        WorkGroup.NewlyOverdue => NewlyOverdue,
        WorkGroup.Overdue => Overdue,
        WorkGroup.LongOverdue => LongOverdue,
        _ => Upcoming,
    };

    /// <summary>Deadlines due this week or overdue: what the weekly message is sent for.</summary>
    public int ToAct => ThisWeek + NewlyOverdue + Overdue + LongOverdue;
}

/// <summary>What a caseworker or team leader has noted on a deadline, shown beside it until an import shows it done.</summary>
public enum DeadlineMarkKind
{
    /// <summary>Registered in the case system; the import has not brought it yet.</summary>
    [Code("registreret")] Registered,
    /// <summary>Agreed with the team leader, with a note and a new expected date.</summary>
    [Code("aftalt")] Agreed,
    /// <summary>The data are wrong: goes to the data-quality list.</summary>
    [Code("fejl_i_data")] DataError,
}

/// <summary>
/// One mark set on a deadline (docs/dashboards.md). Marks never change a key figure: the case system stays the source
/// of truth. Each is kept (who, when); the newest for a deadline is the one shown, while the deadline is not done.
/// A deadline is named as the engine names it: its kind, the examination or activity it belongs to, and its place in a chain.
/// </summary>
public sealed class DeadlineMark
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    public DeadlineKind Kind { get; set; }
    public required string SourceId { get; set; }
    public int K { get; set; }
    /// <summary>The deadline's date when it was marked.</summary>
    public DateOnly Due { get; set; }
    public DeadlineMarkKind Mark { get; set; }
    /// <summary>Registered: the day it was registered in the case system. Agreed: the new expected date.</summary>
    public DateOnly? On { get; set; }
    public string? Note { get; set; }
    public required string SetBy { get; set; }
    public string? SetByEmployeeId { get; set; }
    public DateTime SetAt { get; set; }
}

/// <summary>Whether an audience's people get the weekly message (the administrators' audience matrix).</summary>
public sealed class WeeklyMessageSetting
{
    public Audience Audience { get; set; }
    public bool Enabled { get; set; }
}

/// <summary>A person who has turned the weekly message off on their own page.</summary>
public sealed class WeeklyMessageOptOut
{
    public required string EmployeeId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>
/// One weekly message sent: to whom, when, for which week, and the counts it held. It holds nothing else: the message
/// itself has no case, no child and no name of a child (docs/security.md).
/// </summary>
public sealed class SentMessage
{
    public long Id { get; set; }
    public required string EmployeeId { get; set; }
    public required string Address { get; set; }
    /// <summary>The ISO week it was sent for ("2026-W49"): a week is sent once, however often the service starts.</summary>
    public required string Week { get; set; }
    public DateTime SentAt { get; set; }
    public int ThisWeek { get; set; }
    public int NewlyOverdue { get; set; }
    public int Overdue { get; set; }
    public int LongOverdue { get; set; }
}
