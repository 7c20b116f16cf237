using System.Security.Claims;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Account;
using LedelsesInfo.Domain;

namespace LedelsesInfo.Web.Auth;

/// <summary>The claims the portal scopes by, whichever way the user signed in.</summary>
public static class PortalClaims
{
    public const string EmployeeId = "li:employee";
    public const string UnitId = "li:unit";
    public const string UnitName = "li:unitname";
    public const string Audience = "li:audience";

    public static IEnumerable<Claim> For(SignedInEmployee employee, Audience audience) =>
    [
        new(EmployeeId, employee.EmployeeId),
        new(UnitId, employee.UnitId),
        new(UnitName, employee.UnitName),
        new(PortalClaims.Audience, Code<Audience>.Of(audience)),
    ];
}

/// <summary>Policy names, one per audience: folders are authorised by these, everything else is denied by default.</summary>
public static class Policies
{
    public const string Committee = "Fagudvalg";
    public const string Management = "Forvaltningsledelse";
    public const string TeamLeader = "Teamleder";
    public const string Caseworker = "Sagsbehandler";
    public const string Administrator = "Administrator";
    /// <summary>The committee's report: the committee, management and administrators (aggregates only).</summary>
    public const string CommitteeReport = "Fagudvalgsrapport";
    /// <summary>The management dashboard: management and administrators (down to team level, never cases).</summary>
    public const string ManagementReport = "Ledelsesrapport";
    /// <summary>Those who may open a single case at all (the handler then checks it is theirs).</summary>
    public const string CaseReaders = "Sagslaesere";
    /// <summary>Leaders and administrators: counts per team, never cases.</summary>
    public const string Leaders = "Ledere";

    public static string For(Audience audience) => audience switch
    {
        Domain.Audience.Committee => Committee,
        Domain.Audience.Management => Management,
        Domain.Audience.TeamLeader => TeamLeader,
        Domain.Audience.Caseworker => Caseworker,
        Domain.Audience.Administrator => Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(audience)),
    };
}

/// <summary>The signed-in user from the request's claims.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string UserName => Principal.Identity?.Name ?? "anonym";
    public string? EmployeeId => Principal.FindFirst(PortalClaims.EmployeeId)?.Value;
    public string? UnitId => Principal.FindFirst(PortalClaims.UnitId)?.Value;

    public Audience Audience =>
        Code<Audience>.TryParse(Principal.FindFirst(PortalClaims.Audience)?.Value, out var audience)
            ? audience
            : throw new InvalidOperationException("Brugeren har ingen modtagergruppe.");
}

/// <summary>Which sign-in the portal runs with; the development sign-in page refuses to work otherwise.</summary>
public sealed record SignInMode(bool Development);
