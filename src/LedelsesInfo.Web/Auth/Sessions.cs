using System.Linq.Expressions;
using System.Security.Claims;
using System.Security.Cryptography;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Web.Auth;

/// <summary>
/// Server-side sign-in sessions (docs/security.md, "Sessions"): every sign-in cookie names a <see cref="SignInSession"/>,
/// and every request checks it in the database, so signing out ends the session on every web instance at once, and a copy
/// of the cookie taken before is refused. A development sign-in, whose unit and audience are in the cookie, is also ended
/// when the employee is no longer in the employees table, or is in another unit or role; with Entra ID the unit is read
/// from the employees file on every request anyway (<see cref="EntraIdClaimsTransformation"/>).
/// </summary>
public static class Sessions
{
    public const string Claim = "li:session";

    /// <summary>When the cookie is issued: the session is created and named in it.</summary>
    public static async Task StartAsync(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.HasClaim(c => c.Type == Claim))
        {
            return;
        }
        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<IAppDbContext>();
        var session = new SignInSession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            UserName = Bounded(identity.Name ?? identity.FindFirst("preferred_username")?.Value ?? "ukendt"),
            EmployeeId = identity.FindFirst(PortalClaims.EmployeeId)?.Value,
            StartedAt = services.GetRequiredService<IClock>().Now,
        };
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(Claim, session.Id));
    }

    /// <summary>
    /// On every request with the cookie: a session that has ended, or an employee no longer in the table or in another unit
    /// or role, signs the request out. (The import never removes an employee, so one left out of the employees file stays.)
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is not { } principal || await StillValidAsync(context.HttpContext.RequestServices.GetRequiredService<IAppDbContext>(), principal, context.HttpContext.RequestAborted))
        {
            return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>At sign-out: the session ends, for this cookie and every copy of it.</summary>
    public static async Task EndAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.FindFirst(Claim)?.Value is { } id)
        {
            var db = http.RequestServices.GetRequiredService<IAppDbContext>();
            var now = http.RequestServices.GetRequiredService<IClock>().Now;
            await db.SignInSessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), http.RequestAborted);
        }
    }

    /// <summary>
    /// At start, before the portal listens (<see cref="Infrastructure.Warmup"/>): the reads a signed-in request makes, once
    /// each, so EF has compiled them before the first reader's request. Reads only.
    /// </summary>
    public static async Task RehearseAsync(IAppDbContext db, string employeeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await IsOpenAsync(db, "", ct);
        await OpenWithEmployeeAsync(db, "", employeeId, ct);
    }

    /// <summary>Entra ID's check: the session has not ended.</summary>
    private static Task<bool> IsOpenAsync(IAppDbContext db, string id, CancellationToken ct) =>
        db.SignInSessions.AsNoTracking().AnyAsync(s => s.Id == id && s.EndedAt == null, ct);

    /// <summary>
    /// A development sign-in's check, in one statement: null when the session has ended; otherwise the employee's unit and
    /// role now, both null when the employee is marked removed or not in the table.
    /// </summary>
    private static Task<EmployeeNow?> OpenWithEmployeeAsync(IAppDbContext db, string id, string employeeId, CancellationToken ct)
    {
        Expression<Func<Employee, bool>> current = e => e.Id == employeeId && e.RemovedAt == null;
        return db.SignInSessions.AsNoTracking()
            .Where(s => s.Id == id && s.EndedAt == null)
            .Select(s => new EmployeeNow(
                db.Employees.Where(current).Select(e => e.UnitId).FirstOrDefault(),
                db.Employees.Where(current).Select(e => (EmployeeRole?)e.Role).FirstOrDefault()))
            .FirstOrDefaultAsync(ct);
    }

    private static async Task<bool> StillValidAsync(IAppDbContext db, ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.FindFirst(Claim)?.Value is not { } id)
        {
            return false;
        }
        var employeeId = principal.FindFirst(PortalClaims.EmployeeId)?.Value;
        if (employeeId is null)
        {
            return await IsOpenAsync(db, id, ct); // Entra ID: the portal's claims are added per request from the employees file.
        }
        return await OpenWithEmployeeAsync(db, id, employeeId, ct) is { UnitId: { } unitId, Role: { } role }
            && unitId == principal.FindFirst(PortalClaims.UnitId)?.Value
            && Code<Audience>.Of(Audiences.For(role)) == principal.FindFirst(PortalClaims.Audience)?.Value;
    }

    private sealed record EmployeeNow(string? UnitId, EmployeeRole? Role);

    private static string Bounded(string name) => name.Length > 256 ? name[..256] : name;
}
