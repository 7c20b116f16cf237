namespace LedelsesInfo.Domain;

/// <summary>Where an explanation of a figure lies: outside the organisation's hands or within them.</summary>
public enum ExplanationSource
{
    [Code("ekstern")] External,
    [Code("intern")] Internal,
}

/// <summary>Whether an explanation concerns the whole group or one or a few cases or people.</summary>
public enum ExplanationScope
{
    [Code("kollektiv")] Collective,
    [Code("individuel")] Individual,
}

/// <summary>
/// A leader's note on a key figure for a unit and a period (docs/dashboards.md, "Notes on a figure"): what we see (the
/// interpretation), why (explanations, each tagged external/internal and collective/individual), and whether it goes to
/// the committee. Written by a leader of the unit or above; every edit keeps the version before it.
/// </summary>
public sealed class FigureNote
{
    public long Id { get; set; }
    public required string KpiCode { get; set; }
    public required string UnitId { get; set; }
    public PeriodKind PeriodKind { get; set; }
    public required string Period { get; set; }
    public required string Interpretation { get; set; }
    public bool ForCommittee { get; set; }
    public int Version { get; set; } = 1;
    public required string WrittenBy { get; set; }
    public string? WrittenByEmployeeId { get; set; }
    public DateTime WrittenAt { get; set; }

    /// <summary>When the note was withdrawn, and by whom: no longer shown beside the figure, still in the history and the export.</summary>
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public List<NoteExplanation> Explanations { get; set; } = [];
    public List<FigureAction> Actions { get; set; } = [];
}

public sealed class NoteExplanation
{
    public long Id { get; set; }
    public long NoteId { get; set; }
    public int Order { get; set; }
    public required string Text { get; set; }
    public ExplanationSource Source { get; set; }
    public ExplanationScope Scope { get; set; }
}

/// <summary>A note as it stood before an edit: the interpretation, the explanations written out, and who wrote that version.</summary>
public sealed class FigureNoteVersion
{
    public long Id { get; set; }
    public long NoteId { get; set; }
    public int Version { get; set; }
    public required string Interpretation { get; set; }
    public required string Explanations { get; set; }
    public bool ForCommittee { get; set; }
    public required string WrittenBy { get; set; }
    public DateTime WrittenAt { get; set; }
}

/// <summary>Which way a figure is expected to go, or should go, in plain numbers (up is a higher value, whatever the figure's good side).</summary>
public enum Heading
{
    [Code("op")] Up,
    [Code("ned")] Down,
    [Code("uaendret")] Unchanged,
}

/// <summary>
/// What a leader expected of a figure before the period's data arrived (step 1 of the loop: what did we already know
/// or expect?): a value, or a direction against the period before, and why. When the figure lands, the expectation is
/// shown beside the result.
/// </summary>
public sealed class FigureExpectation
{
    public long Id { get; set; }
    public required string KpiCode { get; set; }
    public required string UnitId { get; set; }
    public PeriodKind PeriodKind { get; set; }
    public required string Period { get; set; }
    public decimal? Value { get; set; }
    public Heading? Direction { get; set; }
    public required string Reason { get; set; }
    public required string WrittenBy { get; set; }
    public string? WrittenByEmployeeId { get; set; }
    public DateTime WrittenAt { get; set; }
}

/// <summary>
/// An action chosen on a note (step 4 and 5 of the loop): what is to be done, by whom and when, and which figure should
/// move, in which direction, how far and by when. Followed up against the same key-figure values the pages show.
/// </summary>
public sealed class FigureAction
{
    public long Id { get; set; }
    public long NoteId { get; set; }
    public required string What { get; set; }
    public required string OwnerEmployeeId { get; set; }
    public DateOnly DueOn { get; set; }

    /// <summary>The figure that should move; the note's unit and period kind, so it is followed up at the note's grain.</summary>
    public required string KpiCode { get; set; }
    public required string UnitId { get; set; }
    public PeriodKind PeriodKind { get; set; }

    /// <summary>The period the action starts from: the note's period, or the month of a note on a week (<see cref="FigureActionRules.StartOf"/>).</summary>
    public required string StartPeriod { get; set; }
    public Heading Direction { get; set; }
    public decimal? TargetValue { get; set; }
    public DateOnly TargetBy { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DoneAt { get; set; }
    public string? DoneBy { get; set; }
}

/// <summary>Where an action stands on a day, as the action lists group them.</summary>
public enum ActionGroup
{
    Overdue,
    DueSoon,
    Open,
    Done,
}

public static class FigureActionRules
{
    /// <summary>An action is due soon when its due date is within this many days.</summary>
    public const int SoonDays = 7;

    public static ActionGroup GroupOf(FigureAction action, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.DoneAt is not null ? ActionGroup.Done
            : action.DueOn < day ? ActionGroup.Overdue
            : action.DueOn <= day.AddDays(SoonDays) ? ActionGroup.DueSoon
            : ActionGroup.Open;
    }

    /// <summary>
    /// The period an action on a note is followed from: the note's own, except that a note on a week is followed by the
    /// month the week ends in. A team's week holds too few cases for a figure to be followed week by week (many weeks
    /// have no value at all), and an action takes months to show.
    /// </summary>
    public static Period StartOf(Period notePeriod) =>
        notePeriod.Kind == PeriodKind.Week ? Periods.Of(PeriodKind.Month, notePeriod.End) : notePeriod;

    /// <summary>Whether the action needs its owner now: overdue or due within a week, and not done.</summary>
    public static bool NeedsOwner(FigureAction action, DateOnly day) => GroupOf(action, day) is ActionGroup.Overdue or ActionGroup.DueSoon;

    /// <summary>Which way a value went from <paramref name="before"/> to <paramref name="now"/> at the shown precision (one decimal); null when one is missing.</summary>
    public static Heading? HeadingOf(decimal? before, decimal? now)
    {
        if (before is not { } b || now is not { } n)
        {
            return null;
        }
        b = Math.Round(b, 1, MidpointRounding.AwayFromZero);
        n = Math.Round(n, 1, MidpointRounding.AwayFromZero);
        return n > b ? Heading.Up : n < b ? Heading.Down : Heading.Unchanged;
    }
}

public static class FigureNoteRules
{
    /// <summary>The longest interpretation or explanation, in characters.</summary>
    public const int MaxText = 2000;

    /// <summary>At most this many explanations on one note.</summary>
    public const int MaxExplanations = 5;
}
