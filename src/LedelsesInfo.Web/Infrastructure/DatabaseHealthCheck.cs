using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>Ready when the database answers.</summary>
public sealed class DatabaseHealthCheck(LedelsesInfoDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("Databasen svarer.")
            : HealthCheckResult.Unhealthy("Databasen svarer ikke.");
}
