namespace LedelsesInfo.Domain;

public sealed class Payment
{
    public required string Id { get; set; }
    public required string UnitId { get; set; }
    public required string Function { get; set; }
    public string? ActivityId { get; set; }
    public DateOnly PostedOn { get; set; }
    public decimal Amount { get; set; }
}

public sealed class BudgetLine
{
    public required string UnitId { get; set; }
    public required string Function { get; set; }
    /// <summary>The first day of the budget month.</summary>
    public DateOnly Month { get; set; }
    public decimal Amount { get; set; }
}

/// <summary>Main function 5.28 of the municipal chart of accounts: children and youth with special needs.</summary>
public static class Functions
{
    public const string ResidentialHomes = "5.28.20";
    public const string Preventive = "5.28.21";
    public const string FosterFamilies = "5.28.22";
    public const string Institutions = "5.28.23";
    public const string SecureInstitutions = "5.28.24";
    public const string SpecialClubs = "5.28.25";

    public static readonly IReadOnlyList<string> All =
        [ResidentialHomes, Preventive, FosterFamilies, Institutions, SecureInstitutions, SpecialClubs];
}
