namespace LedelsesInfo.Domain;

/// <summary>
/// One statutory deadline of a case as of a date: computed by the key-figure engine from the casework data, the
/// same rows the key figures B1, P1, F1 and T1 count and the team leader's and caseworker's lists show.
/// </summary>
public sealed class DeadlineInstance
{
    public DateOnly AsOf { get; set; }
    public DeadlineKind Kind { get; set; }
    /// <summary>The examination or activity the deadline belongs to.</summary>
    public required string SourceId { get; set; }
    /// <summary>The place in a chain (1 for the first follow-up); 1 for single deadlines.</summary>
    public int K { get; set; }
    public required string CaseId { get; set; }
    public required string TeamId { get; set; }
    public required string CaseworkerId { get; set; }
    public DateOnly Due { get; set; }
    /// <summary>The event that answered it, if known by the as-of date.</summary>
    public DateOnly? DoneOn { get; set; }
}
