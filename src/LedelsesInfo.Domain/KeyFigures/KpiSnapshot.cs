namespace LedelsesInfo.Domain;

/// <summary>
/// One computed snapshot: its as-of date, when it was computed, the first day of history it covers, and the last import
/// batch it includes. A later recompute starts from it and recomputes only the periods that new or changed data reach.
/// </summary>
public sealed class KpiSnapshot
{
    public DateOnly AsOf { get; set; }
    public DateTime ComputedAt { get; set; }
    public DateOnly HistoryStart { get; set; }
    /// <summary>The newest import batch whose data the snapshot includes; null when unknown (then the next recompute is full).</summary>
    public long? LastImportBatchId { get; set; }
    /// <summary>The first day of the periods this computation recomputed; earlier periods were carried from the previous snapshot. Null: all.</summary>
    public DateOnly? RecomputedFrom { get; set; }
    public int ValueCount { get; set; }
    public int DeadlineCount { get; set; }
}
