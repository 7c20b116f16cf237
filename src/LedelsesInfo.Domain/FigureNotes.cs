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
    public List<NoteExplanation> Explanations { get; set; } = [];
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

public static class FigureNoteRules
{
    /// <summary>The longest interpretation or explanation, in characters.</summary>
    public const int MaxText = 2000;

    /// <summary>At most this many explanations on one note.</summary>
    public const int MaxExplanations = 5;
}
