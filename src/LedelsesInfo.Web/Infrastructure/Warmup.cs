using System.Security.Claims;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Account;
using LedelsesInfo.Domain;
using LedelsesInfo.Web.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>
/// Shows each audience's own page once at start, before the portal listens, as the first person of that audience sees
/// it: EF translates and compiles the queries, the runtime compiles the handlers, the pipeline and the page's Razor, and the
/// tag helpers and partials are found, then and not in the first reader's request. The page is run in the process, through
/// its endpoint, without a network or a sign-in; the scope is a <see cref="StartupRun"/>, so nothing is cached for anyone
/// and nothing is written to the access log (no one has seen a case), and the HTML goes nowhere. The access log's writer
/// rehearses its statement in a transaction it rolls back, and the session check's two reads run once. A failure is logged and the portal starts all the same.
/// </summary>
public static class Warmup
{
    /// <summary>The name the warm-up's requests carry; never an employee's.</summary>
    public const string UserName = "opstart";

    /// <summary>Each audience's own page, the one its people open first.</summary>
    private static readonly (EmployeeRole Role, string Path)[] Pages =
    [
        (EmployeeRole.Committee, "/Fagudvalg"),
        (EmployeeRole.Director, "/Ledelse"),
        (EmployeeRole.TeamLeader, "/Team"),
        (EmployeeRole.Caseworker, "/Mine"),
    ];

    public static async Task RunAsync(IServiceProvider services, IEnumerable<EndpointDataSource> endpoints, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(endpoints);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var shown = new List<string>();
            string? employeeId = null;
            foreach (var (role, path) in Pages)
            {
                if (await FirstAsync(services, role, ct) is not { } person)
                {
                    continue;
                }
                var endpoint = endpoints.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
                    .First(e => string.Equals("/" + e.RoutePattern.RawText, path, StringComparison.OrdinalIgnoreCase));
                var status = await ShowAsync(services, endpoint, path, person, ct);
                shown.Add($"{path} {status}");
                employeeId ??= person.FindFirst(PortalClaims.EmployeeId)!.Value;
            }
            // The two rehearsals come after the pages: before them, the cached pages' throughput in the benchmark was
            // lower (372-443 pages/s against 424-493; docs/performance.md, 2026-12-03), for a reason not yet found.
            if (employeeId is not null)
            {
                await using var scope = services.CreateAsyncScope();
                await Sessions.RehearseAsync(scope.ServiceProvider.GetRequiredService<IAppDbContext>(), employeeId, ct);
            }
            if (services.GetService<LedelsesInfo.Infrastructure.Persistence.AccessLogWriter>() is { } accessLog)
            {
                await accessLog.RehearseAsync(ct); // its first view costs more than a page; rolled back, nothing logged
            }
            logger.LogInformation("Opvarmning: {Pages} vist én gang på {Ms} ms", string.Join(", ", shown),
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("da-DK")));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Opvarmningen af dashboards mislykkedes; portalen starter alligevel");
        }
    }

    private static async Task<ClaimsPrincipal?> FirstAsync(IServiceProvider services, EmployeeRole role, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var employee = await db.Employees.AsNoTracking().Where(e => e.Role == role).OrderBy(e => e.Id)
            .Join(db.OrgUnits, e => e.UnitId, u => u.Id, (e, u) => new SignedInEmployee(e.Id, e.Name, e.UnitId, u.Name, e.Role, null))
            .FirstOrDefaultAsync(ct);
        if (employee is null)
        {
            return null;
        }
        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, UserName));
        identity.AddClaims(PortalClaims.For(employee, employee.Audience));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Runs the page's endpoint for the person in a scope of its own, as a GET without a query; the status it answered.</summary>
    private static async Task<int> ShowAsync(IServiceProvider services, RouteEndpoint endpoint, string path, ClaimsPrincipal person, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<StartupRun>().Active = true;
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = person };
        context.RequestAborted = ct;
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = path;
        context.Response.Body = Stream.Null;
        foreach (var (key, value) in endpoint.RoutePattern.RequiredValues)
        {
            context.Request.RouteValues[key] = value;
        }
        context.SetEndpoint(endpoint);
        var accessor = services.GetRequiredService<IHttpContextAccessor>();
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        var uiCulture = System.Globalization.CultureInfo.CurrentUICulture;
        accessor.HttpContext = context;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("da-DK");
        try
        {
            await endpoint.RequestDelegate!(context);
            return context.Response.StatusCode;
        }
        finally
        {
            accessor.HttpContext = null;
            System.Globalization.CultureInfo.CurrentCulture = culture;
            System.Globalization.CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
