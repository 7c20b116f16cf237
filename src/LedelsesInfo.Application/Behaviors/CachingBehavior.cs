using LedelsesInfo.Application.Caching;

namespace LedelsesInfo.Application.Behaviors;

/// <summary>
/// Serves an <see cref="ICachedQuery"/> from <see cref="QueryCache"/> when the same query (its periods resolved, <see cref="ICachedQuery.CanonicalAsync"/>), from the same scope, on the
/// same day, was answered at the current data version; otherwise runs the handler and keeps its answer. One small read
/// (the data version) per request instead of the dashboard's dozens. A key is computed once however many ask for it at
/// once, and computations take turns (about one per core), so cached answers are never held up (<see cref="QueryCache.GetOrComputeAsync"/>).
/// The portal's own run of a page at start (<see cref="StartupRun"/>) computes and keeps nothing, so the first reader's
/// page is computed for that reader.
/// </summary>
public sealed class CachingBehavior<TMessage, TResponse>(QueryCache cache, IAppDbContext db, ICurrentUser user, IClock clock, RequestVersions request, StartupRun startup, SharedReads reads)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not ICachedQuery query)
        {
            try
            {
                return await next(message, cancellationToken);
            }
            finally
            {
                request.Forget(); // it may have changed data: the next cached query reads the versions again
            }
        }
        if (startup.Active)
        {
            return await next(message, cancellationToken); // nor anything it reads (SharedReads)
        }
        var versions = await request.ReadAsync(db, cancellationToken);
        var version = versions.Data;
        var canonical = (TMessage)await query.CanonicalAsync(reads, user, cancellationToken);
        var who = query.Scope switch
        {
            CacheScope.Audience => $"{user.Audience}",
            CacheScope.Unit => $"{user.Audience}|{user.UnitId}",
            _ => $"{user.Audience}|{user.UnitId}|{user.EmployeeId}|{user.UserName}",
        };
        // The canonical query's record text names its type and every value it holds, its periods resolved; the day is in
        // the key because "overdue" and "due soon" move with it.
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{canonical}|{who}|{clock.Today:yyyy-MM-dd}|v{version}{(query.ReadsWriting ? $"w{versions.Writing}" : "")}");
        return await cache.GetOrComputeAsync(key, ct => next(canonical, ct), cancellationToken, query.TakesTurn);
    }
}
