namespace LedelsesInfo.Domain;

public enum PeriodKind
{
    [Code("uge")] Week,
    [Code("maaned")] Month,
    [Code("kvartal")] Quarter,
    [Code("aar")] Year,
}

/// <summary>A key figure of the catalogue as stored; rows are written from <see cref="KpiCatalogue"/> at start-up, so the definition has one home.</summary>
public sealed class KpiDefinition
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Unit { get; set; }
    public required string GoodWhen { get; set; }
    public required string Description { get; set; }
    public required string Rule { get; set; }
    public string? LegalBasis { get; set; }
    public required string SourceFiles { get; set; }
}

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

/// <summary>A computed value in the snapshot for one as-of date: numerator and denominator are stored so units sum, never average.</summary>
public sealed class KpiValue
{
    public required string KpiCode { get; set; }
    public required string UnitId { get; set; }
    public PeriodKind PeriodKind { get; set; }
    /// <summary>As in the export: 2025, 2025-Q1, 2025-03, 2025-W09.</summary>
    public required string Period { get; set; }
    public decimal Numerator { get; set; }
    public decimal? Denominator { get; set; }
    public DateOnly AsOf { get; set; }
}

/// <summary>Which key figures an audience receives, at which cadence and grain (the catalogue's audience matrix).</summary>
public sealed class AudienceSetting
{
    public Audience Audience { get; set; }
    public required string KpiCode { get; set; }
    public bool Enabled { get; set; }
    public PeriodKind Cadence { get; set; }
    public UnitLevel Grain { get; set; }
}

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
