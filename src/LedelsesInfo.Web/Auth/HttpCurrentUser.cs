using System.Security.Claims;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Domain;

namespace LedelsesInfo.Web.Auth;

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
