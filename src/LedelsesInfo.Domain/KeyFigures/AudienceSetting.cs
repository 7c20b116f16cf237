namespace LedelsesInfo.Domain;

/// <summary>Which key figures an audience receives, at which cadence and grain (the catalogue's audience matrix).</summary>
public sealed class AudienceSetting
{
    public Audience Audience { get; set; }
    public required string KpiCode { get; set; }
    public bool Enabled { get; set; }
    public PeriodKind Cadence { get; set; }
    public UnitLevel Grain { get; set; }
}
