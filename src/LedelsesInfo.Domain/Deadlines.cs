namespace LedelsesInfo.Domain;

public enum DeadlineKind
{
    [Code("vurdering_24t")] Assessment,
    [Code("kvittering")] Receipt,
    [Code("bfu")] Examination,
    [Code("barnets_plan")] ChildPlan,
    [Code("opfoelgning")] FollowUp,
    [Code("tilsyn")] SupervisoryVisit,
}

public enum DeadlineState
{
    /// <summary>Done on or before the deadline.</summary>
    Met,
    /// <summary>Done, but after the deadline.</summary>
    Late,
    /// <summary>Not done, and the deadline has passed.</summary>
    Overdue,
    /// <summary>Not done; the deadline is within the next 14 days.</summary>
    DueSoon,
    /// <summary>Not done; the deadline is further ahead.</summary>
    Pending,
}

/// <summary>One deadline of a chain: the k-th follow-up (or visit), when it was due, and the event that answered it.</summary>
public sealed record ChainDeadline(int K, DateOnly Due, DateOnly? DoneOn)
{
    public bool Met => DoneOn is { } done && done <= Due;

    public DeadlineState State(DateOnly asOf) => Deadlines.StateOf(Due, DoneOn, asOf);
}

/// <summary>A follow-up event as the chain reads it: its date and the cadence (months) set at it.</summary>
public readonly record struct FollowUpEvent(DateOnly On, int? NextFollowUpMonths);

public sealed record FollowUpChain(IReadOnlyList<ChainDeadline> Deadlines, bool MissingCadence);

/// <summary>
/// The statutory deadlines of Barnets Lov as docs/key-figures.md defines them. This is the executable specification:
/// the key-figure engine computes the same rules in SQL, and tests hold the two together.
/// </summary>
public static class Deadlines
{
    public const int DueSoonDays = 14;

    /// <summary>§§ 136-137: assessed within 24 hours of receipt (exact, on the local timestamps).</summary>
    public static DateTime Assessment(DateTime receivedAt) => receivedAt.AddHours(24);

    /// <summary>Receipt to a professional notifier: the 6th Danish working day after the day of receipt.</summary>
    public static DateOnly Receipt(DateOnly receivedOn) => DanishCalendar.AddWorkingDays(receivedOn, 6);

    /// <summary>§ 20, stk. 3: a børnefaglig undersøgelse within 4 calendar months of awareness.</summary>
    public static DateOnly Examination(DateOnly awareOn) => DanishCalendar.AddMonths(awareOn, 4);

    /// <summary>§ 91: the child's plan within 3 months of the decision to place.</summary>
    public static DateOnly ChildPlan(DateOnly decidedOn) => DanishCalendar.AddMonths(decidedOn, 3);

    public static DeadlineState StateOf(DateOnly due, DateOnly? doneOn, DateOnly asOf)
    {
        if (doneOn is { } done && done <= asOf)
        {
            return done <= due ? DeadlineState.Met : DeadlineState.Late;
        }
        if (due < asOf)
        {
            return DeadlineState.Overdue;
        }
        return due <= asOf.AddDays(DueSoonDays) ? DeadlineState.DueSoon : DeadlineState.Pending;
    }

    /// <summary>
    /// § 95 follow-up: d1 = start + 3 months; f_k is the first follow-up after f_(k-1) (after the start for k = 1);
    /// d_(k+1) = f_k + the cadence set at f_k. A follow-up without a cadence ends the chain (and the activity goes on the
    /// data-quality list). No deadline falls after the activity's end. Events after <paramref name="asOf"/> are not yet known.
    /// The last deadline of the list is the one still open (if any).
    /// </summary>
    public static FollowUpChain FollowUps(DateOnly start, DateOnly? end, IEnumerable<FollowUpEvent> events, DateOnly asOf) =>
        Chain(start, 3, end, events, asOf);

    /// <summary>§ 156, stk. 5 supervision of a placement: the same chain with visits, first after 6 months, then 6 months after each visit.</summary>
    public static IReadOnlyList<ChainDeadline> SupervisoryVisits(DateOnly start, DateOnly? end, IEnumerable<DateOnly> visits, DateOnly asOf) =>
        Chain(start, 6, end, visits.Select(v => new FollowUpEvent(v, 6)), asOf).Deadlines;

    /// <summary>
    /// The chain is built from the events alone (it ends with the first deadline no event answers, or at a follow-up
    /// without cadence), then deadlines after the activity's end are dropped: an early follow-up can set a next
    /// deadline that falls before the end even when the first one does not.
    /// </summary>
    private static FollowUpChain Chain(DateOnly start, int firstMonths, DateOnly? end, IEnumerable<FollowUpEvent> events, DateOnly asOf)
    {
        var known = events.Where(e => e.On > start && e.On <= asOf).OrderBy(e => e.On).ToList();
        var deadlines = new List<ChainDeadline>();
        var due = DanishCalendar.AddMonths(start, firstMonths);
        var missingCadence = false;
        for (var k = 1; ; k++)
        {
            FollowUpEvent? answer = k <= known.Count ? known[k - 1] : null;
            deadlines.Add(new ChainDeadline(k, due, answer?.On));
            if (answer is null)
            {
                break;
            }
            if (answer.Value.NextFollowUpMonths is not { } cadence)
            {
                missingCadence = true;
                break;
            }
            due = DanishCalendar.AddMonths(answer.Value.On, cadence);
        }
        return new FollowUpChain(deadlines.Where(d => end is null || d.Due <= end).ToList(), missingCadence);
    }
}
