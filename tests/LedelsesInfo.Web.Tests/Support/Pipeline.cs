using System.Security.Claims;
using LedelsesInfo.Application.Features.Account;
using LedelsesInfo.Domain;
using LedelsesInfo.Web.Auth;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests.Support;

/// <summary>
/// Sends a message through the portal's own mediator as a chosen employee, as a page would: the whole pipeline runs
/// (logging, validation, the access log, the cache) against the portal's database, with the employee's claims as the
/// development sign-in gives them. ContosoUniversity's <c>SendAsync</c>, for this portal.
/// </summary>
public static class Pipeline
{
    public static async Task<TResponse> SendAsync<TResponse>(this PortalFactory factory, IMessage message, string employeeId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var mediator = services.GetRequiredService<IMediator>();
        var employee = await mediator.Send(new FindEmployee(employeeId)) ?? throw new InvalidOperationException($"Ingen medarbejder {employeeId} i demoen.");
        var identity = new ClaimsIdentity(PortalClaims.For(employee, Audiences.For(employee.Role)), "Test", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, employee.Login ?? employee.Name));
        services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity), RequestServices = services };
        return (TResponse)(await mediator.Send((object)message))!;
    }

    /// <summary>The first demo employee with a role, as the sign-in page lists them.</summary>
    public static async Task<string> EmployeeAsync(this PortalFactory factory, EmployeeRole role)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var groups = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListSignInUsers());
        return groups.SelectMany(g => g.Users).First(u => u.Role == role).EmployeeId;
    }
}
