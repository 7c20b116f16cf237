using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Application.Features.ManagementReview;
using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>
/// Runs each audience's dashboard once at start, before the portal listens, for the first person of each audience: EF
/// translates and compiles the queries and the runtime compiles the code then, not in the first reader's request. The
/// handlers are called directly, outside the pipeline, so nothing is cached for anyone and nothing is written to the access
/// log (no one has seen a case). A failure is logged and the portal starts all the same.
/// </summary>
public static class Warmup
{
    private sealed record Person(Audience Audience, string UserName, string? EmployeeId, string? UnitId) : ICurrentUser;

    public static async Task RunAsync(IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<IClock>();
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Person? First(EmployeeRole role) => db.Employees.AsNoTracking().Where(e => e.Role == role).OrderBy(e => e.Id)
                .Select(e => new Person(Audiences.For(role), "opstart", e.Id, e.UnitId)).FirstOrDefault();
            if (First(EmployeeRole.Committee) is { } committee)
            {
                var paper = await new GetCommitteeDashboardHandler(db).Handle(new GetCommitteeDashboard(), ct);
                if (paper.Quarter is { } quarter)
                {
                    await new GetReviewOverviewHandler(db, committee).Handle(new GetReviewOverview(Figures.YearOf(quarter), HideSmallNumbers: true), ct);
                }
            }
            if (First(EmployeeRole.Director) is { } director)
            {
                await new GetManagementDashboardHandler(db, director, clock).Handle(new GetManagementDashboard(), ct);
            }
            if (First(EmployeeRole.TeamLeader) is { } leader)
            {
                await new GetTeamDashboardHandler(db, leader, clock).Handle(new GetTeamDashboard(), ct);
            }
            if (First(EmployeeRole.Caseworker) is { } caseworker)
            {
                await new GetMyCasesHandler(db, caseworker, clock).Handle(new GetMyCases(), ct);
            }
            logger.LogInformation("Opvarmning: dashboards beregnet én gang på {Ms} ms", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("da-DK")));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Opvarmningen af dashboards mislykkedes; portalen starter alligevel");
        }
    }
}
