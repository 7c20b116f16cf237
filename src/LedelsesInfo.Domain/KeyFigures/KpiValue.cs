namespace LedelsesInfo.Domain;

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
