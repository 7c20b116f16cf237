namespace LedelsesInfo.Domain;

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
