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
    ValueTask<ICachedQuery> CanonicalAsync(SharedReads index, ICurrentUser user, CancellationToken ct) => ValueTask.FromResult(this);

    /// <summary>
    /// The answer shows what leaders and caseworkers write beside the figures (notes, expectations, actions, deadline
    /// marks), so its key carries that version too (<see cref="Domain.DataVersion.WritingId"/>); the figures' answers do
    /// not, and a note does not make them be computed again.
    /// </summary>
    bool ReadsWriting => false;

    /// <summary>
    /// Whether computing the answer waits its turn among the computations (about one per core). A dashboard does; a small
    /// read of a few rows (the notes beside it, the reader's actions, the marks) does not, so it never waits behind one.
    /// </summary>
    bool TakesTurn => true;
}

/// <summary>Who read which cases through an answer: written to the access log every time it is served, cached or not.</summary>
public sealed record CaseAccess(string Page, string Action, IReadOnlyList<string> CaseIds);

/// <summary>An answer that shows cases.</summary>
public interface IShowsCases
{
    CaseAccess Access { get; }
}

/// <summary>The data version and the version of what is written beside the figures, read together.</summary>
public readonly record struct Versions(long Data, long Writing);

/// <summary>
/// The versions read once per request (a scope): a page sends several cached queries, and each asked the database for
/// the same two numbers. Forgotten after any message that is not a cached query, which may have changed data.
/// </summary>
public sealed class RequestVersions
{
    private Versions? read;

    public async ValueTask<Versions> ReadAsync(IAppDbContext db, CancellationToken ct) => read ??= await DataVersions.BothAsync(db, ct);

    public void Forget() => read = null;
}

public static class DataVersions
{
    /// <summary>Both rows in one read (a database from before the second row answers 0 for it).</summary>
    public static async Task<Versions> BothAsync(IAppDbContext db, CancellationToken ct)
    {
        var rows = await db.DataVersions.AsNoTracking().Where(v => v.Id == Domain.DataVersion.SingleId || v.Id == Domain.DataVersion.WritingId)
            .Select(v => new { v.Id, v.Version }).ToListAsync(ct);
        return new(rows.FirstOrDefault(r => r.Id == Domain.DataVersion.SingleId)?.Version ?? 0, rows.FirstOrDefault(r => r.Id == Domain.DataVersion.WritingId)?.Version ?? 0);
    }
}
