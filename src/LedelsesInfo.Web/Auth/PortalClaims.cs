using System.Security.Claims;
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
