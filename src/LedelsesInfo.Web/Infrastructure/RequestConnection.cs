using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>
/// On SQLite, a request's context opens its connection once, before the session check, and keeps it to the end of the
/// request. Left to itself, EF opens and closes the connection around every query: a page asks 5-15 of them, and each
/// opening of a pooled SQLite connection registers EF's SQL functions on it again (docs/performance.md, session 18).
/// An open connection holds no lock between statements (the database is in WAL mode, every read its own transaction),
/// and the context closes it when the request's scope ends. SQL Server's pool is bounded and its opening cheap, so it
/// keeps EF's default.
/// </summary>
public static class RequestConnection
{
    public static IApplicationBuilder UseRequestConnection(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetRequiredService<DatabaseSettings>().Provider != DatabaseProvider.Sqlite)
        {
            return app;
        }
        return app.Use(async (context, next) =>
        {
            // Only requests that reach a page: a static file or an unknown address asks nothing, and the health checks
            // answer on their own (the liveness check must not depend on the database).
            if (context.GetEndpoint() is not null && !context.Request.Path.StartsWithSegments("/health"))
            {
                await context.RequestServices.GetRequiredService<LedelsesInfoDbContext>().Database.OpenConnectionAsync(context.RequestAborted);
            }
            await next(context);
        });
    }
}
