namespace LedelsesInfo.Domain;

public enum PeriodKind
{
    [Code("uge")] Week,
    [Code("maaned")] Month,
    [Code("kvartal")] Quarter,
    [Code("aar")] Year,
}

/// <summary>A key figure of the catalogue (shared/kpis.md). Rows are seeded from code, so the definition has one home.</summary>
public sealed class KpiDefinition
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Unit { get; set; }
    public required string GoodWhen { get; set; }
    public required string Description { get; set; }
    public string? LegalBasis { get; set; }
    public required string SourceFiles { get; set; }
}

/// <summary>A computed value: numerator and denominator are stored so units and periods sum, never average.</summary>
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
