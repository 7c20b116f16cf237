namespace LedelsesInfo.Domain;

public enum UnitLevel
{
    [Code("kommune")] Municipality,
    [Code("forvaltning")] Department,
    [Code("afdeling")] Area,
    [Code("team")] Team,
}

public sealed class OrgUnit
{
    public required string Id { get; set; }
    public string? ParentId { get; set; }
    public required string Name { get; set; }
    public UnitLevel Level { get; set; }
}

public enum EmployeeRole
{
    [Code("sagsbehandler")] Caseworker,
    [Code("teamleder")] TeamLeader,
    [Code("leder")] Leader,
    [Code("direktør")] Director,
    [Code("udvalg")] Committee,
    [Code("administrator")] Administrator,
}

public sealed class Employee
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string UnitId { get; set; }
    public EmployeeRole Role { get; set; }
    public string? Login { get; set; }

    /// <summary>
    /// When the employee was last left out of a complete employees file: from then on they cannot sign in and their sessions
    /// are ended; the row stays for the cases, hours and history that name them. Null while they are in the file.
    /// </summary>
    public DateTime? RemovedAt { get; set; }
}

/// <summary>The four audiences of the red thread; administrators are a fifth role for settings and imports.</summary>
public enum Audience
{
    [Code("fagudvalg")] Committee,
    [Code("forvaltningsledelse")] Management,
    [Code("teamleder")] TeamLeader,
    [Code("sagsbehandler")] Caseworker,
    [Code("administrator")] Administrator,
}

public static class Audiences
{
    public static Audience For(EmployeeRole role) => role switch
    {
        EmployeeRole.Caseworker => Audience.Caseworker,
        EmployeeRole.TeamLeader => Audience.TeamLeader,
        EmployeeRole.Leader or EmployeeRole.Director => Audience.Management,
        EmployeeRole.Committee => Audience.Committee,
        EmployeeRole.Administrator => Audience.Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>Whether the audience may see person-level case data at all (domain.md: committee and management never).</summary>
    public static bool MaySeeCases(Audience audience) => audience is Audience.TeamLeader or Audience.Caseworker;
}
