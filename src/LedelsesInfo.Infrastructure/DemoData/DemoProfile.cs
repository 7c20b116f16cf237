namespace LedelsesInfo.Infrastructure.DemoData;

/// <summary>
/// How big a generated municipality is. <c>large</c> is Copenhagen scale (docs/domain.md): about 12,000
/// notifications, 6,000 children with an open case, 2,500 examinations, 9,000 activities and 110,000 payment
/// lines a year, 200 caseworkers in about 24 teams, with five years of history. <c>demo</c> is a tenth of that
/// over three years.
/// </summary>
public sealed record DemoProfile(string Name, int Years, double Scale, int Departments, int AreasPerDepartment, int TeamsPerArea, int CaseworkersPerTeam)
{
    public static readonly DemoProfile Demo = new("demo", 3, 0.1, 2, 2, 2, 3);
    public static readonly DemoProfile Large = new("large", 5, 1.0, 3, 3, 3, 8);
    /// <summary>A fiftieth of <c>large</c> over two years, two teams: small enough that the committee's counts are often under 5 (the tests of small numbers).</summary>
    public static readonly DemoProfile Small = new("small", 2, 0.02, 2, 1, 1, 2);
    /// <summary>Four times <c>large</c>, for the benchmark's scaling curve.</summary>
    public static readonly DemoProfile Large4X = new("large4x", 5, 4.0, 6, 4, 4, 13);

    public static DemoProfile Named(string name) => name.ToLowerInvariant() switch
    {
        "demo" => Demo,
        "small" => Small,
        "large" => Large,
        "large4x" => Large4X,
        _ => throw new ArgumentException($"Ukendt profil '{name}'; brug demo, small, large eller large4x."),
    };
}
