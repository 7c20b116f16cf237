using LedelsesInfo.Application.Caching;

namespace LedelsesInfo.Application.Behaviors;

/// <summary>
/// Writes the access log for every answer that shows cases (<see cref="IShowsCases"/>), each time it is served: it sits
/// outside <see cref="CachingBehavior{TMessage, TResponse}"/>, so a page served from the cache is logged like any other.
/// The portal's own run of a page at start (<see cref="StartupRun"/>) is shown to nobody and not logged.
/// </summary>
public sealed class AccessLogBehavior<TMessage, TResponse>(IAppDbContext db, ICurrentUser user, IClock clock, StartupRun startup)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var answer = await next(message, cancellationToken);
        if (answer is IShowsCases shows && !startup.Active)
        {
            await AccessLog.WriteAsync(db, user, clock, shows.Access.Page, shows.Access.Action, shows.Access.CaseIds, cancellationToken);
        }
        return answer;
    }
}
