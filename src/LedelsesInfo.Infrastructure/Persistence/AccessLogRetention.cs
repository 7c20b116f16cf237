using LedelsesInfo.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <summary>
/// How long the access log is kept (docs/security.md): <c>AccessLog:RetentionDays</c>, default five years, never under six
/// months. <c>ledelsesinfo prune-access-log</c> deletes older views from the log and its day table in one transaction, so
/// the way in by case never points at views that are gone.
/// </summary>
public sealed class AccessLogRetention(LedelsesInfoDbContext db, IClock clock)
{
    public const int DefaultDays = 5 * 365 + 1;
    public const int MinimumDays = 183;

    public sealed record Pruned(DateOnly Before, int Views, int Days);

    public async Task<Pruned> PruneAsync(int days, CancellationToken ct = default)
    {
        if (days < MinimumDays)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"Adgangsloggen skal gemmes i mindst {MinimumDays} dage (et halvt år).");
        }
        var before = clock.Today.AddDays(-days);
        var cutoff = before.ToDateTime(TimeOnly.MinValue);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = AccessLogFile.BeginLogTransaction(db);
            var views = await db.AccessLog.Where(l => l.At < cutoff).ExecuteDeleteAsync(ct);
            var caseDays = await db.AccessLogCaseDays.Where(d => d.Day < before).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
            return new Pruned(before, views, caseDays);
        });
    }
}
