using System.Security.Claims;
using LedelsesInfo.Application.Features.Account;
using LedelsesInfo.Domain;
using Mediator;
using Microsoft.AspNetCore.Authentication;

namespace LedelsesInfo.Web.Auth;

/// <summary>
/// Entra ID sign-in: the app registration's app roles (Fagudvalg, Forvaltningsledelse, Teamleder, Sagsbehandler,
/// Administrator) give the audience, and the login (UPN) gives the employee and so the org unit. A user whose login
/// is not an employee, or who has no app role, gets no audience and is denied everything but the front door.
/// </summary>
public sealed class EntraIdClaimsTransformation(IMediator mediator) : IClaimsTransformation
{
    private static readonly Dictionary<string, Audience> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        [Policies.Administrator] = Audience.Administrator,
        [Policies.Management] = Audience.Management,
        [Policies.Committee] = Audience.Committee,
        [Policies.TeamLeader] = Audience.TeamLeader,
        [Policies.Caseworker] = Audience.Caseworker,
    };

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity || identity.HasClaim(c => c.Type == PortalClaims.Audience))
        {
            return principal;
        }
        var login = principal.FindFirst("preferred_username")?.Value ?? principal.FindFirst(ClaimTypes.Upn)?.Value ?? principal.FindFirst(ClaimTypes.Email)?.Value;
        var roles = principal.FindAll("roles").Concat(principal.FindAll(ClaimTypes.Role)).Select(c => c.Value);
        // With several app roles the widest wins: the order of the dictionary above.
        var audience = Roles.Where(r => roles.Contains(r.Key, StringComparer.OrdinalIgnoreCase)).Select(r => (Audience?)r.Value).FirstOrDefault();
        if (login is null || audience is null)
        {
            return principal;
        }
        var employee = await mediator.Send(new FindEmployeeByLogin(login));
        if (employee is null)
        {
            return principal;
        }
        var clone = principal.Clone();
        ((ClaimsIdentity)clone.Identity!).AddClaims(PortalClaims.For(employee, audience.Value));
        return clone;
    }
}
