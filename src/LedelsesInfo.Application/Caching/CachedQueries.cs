namespace LedelsesInfo.Application.Caching;

/// <summary>Whose answer a cached query gives: one for everyone with the same audience, or one per person.</summary>
public enum CacheScope
{
    /// <summary>The answer depends only on the query and the audience (the committee's pages: no unit, no person).</summary>
    Audience,
    /// <summary>The answer depends on the audience and the unit of who asks (a team leader's team, a director's area).</summary>
    Unit,
    /// <summary>The answer depends on who asks (their own cases): one entry per signed-in person.</summary>
    Person,
}

/// <summary>
/// A query whose answer is served again, without asking the database, for as long as the data version is unchanged
/// (<see cref="Domain.DataVersion"/>). The query's own values are part of the key, so it must be a record of simple values.
/// Scoping and refusals stay in the handler: a refusal throws and is never cached.
/// </summary>
public interface ICachedQuery
{
    CacheScope Scope { get; }

    /// <summary>
    /// The same query with its period values as the handler will resolve them (a missing or unknown as-of date, quarter,
    /// month or week replaced by the one shown), so that the cache key names the answer, not the address typed. The
    /// handler resolves the same way; a query with nothing to resolve is its own canonical form.
    /// </summary>
    ValueTask<ICachedQuery> CanonicalAsync(PeriodIndex index, ICurrentUser user, CancellationToken ct) => ValueTask.FromResult(this);
}

/// <summary>Who read which cases through an answer: written to the access log every time it is served, cached or not.</summary>
public sealed record CaseAccess(string Page, string Action, IReadOnlyList<string> CaseIds);

/// <summary>An answer that shows cases.</summary>
public interface IShowsCases
{
    CaseAccess Access { get; }
}

public static class DataVersions
{
    public static Task<long> CurrentAsync(IAppDbContext db, CancellationToken ct) =>
        db.DataVersions.AsNoTracking().Where(v => v.Id == Domain.DataVersion.SingleId).Select(v => v.Version).FirstOrDefaultAsync(ct);
}
