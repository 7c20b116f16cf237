using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Memory;

namespace LedelsesInfo.Application.Caching;

/// <summary>
/// The process's cache of query answers: a bounded memory cache (entries count one each), entries dropped after a while
/// unused. Keys carry the data version, so a new version simply stops hitting the old entries, which then age out.
/// Each cached answer remembers its key, so a page can cache the HTML it renders from that very answer (<see cref="KeyOf"/>).
/// </summary>
public sealed class QueryCache(int maxEntries = 1000, TimeSpan? idle = null, int? computations = null) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = maxEntries });
    private readonly ConditionalWeakTable<object, string> keys = [];
    private readonly TimeSpan idle = idle ?? TimeSpan.FromMinutes(30);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<object?>> flights = new();
    private readonly SemaphoreSlim computing = new(computations ?? Environment.ProcessorCount);

    /// <summary>
    /// The cached answer for a key, or the one computed for it: a key is computed once however many ask at the same time
    /// (the others wait for that answer), and no more answers are computed at once than the cache allows (about one per
    /// core), so answers already cached never queue behind computations. A computation that fails or is cancelled is not
    /// shared: whoever waited computes again for themselves.
    /// </summary>
    /// <param name="takesTurn">False for a small read (a few rows): it is computed at once, not behind the dashboards' computations.</param>
    public async ValueTask<T> GetOrComputeAsync<T>(string key, Func<CancellationToken, ValueTask<T>> compute, CancellationToken ct, bool takesTurn = true)
    {
        ArgumentNullException.ThrowIfNull(compute);
        while (true)
        {
            if (TryGet(key, out T found))
            {
                return found;
            }
            var mine = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var flight = flights.GetOrAdd(key, mine.Task);
            if (flight != mine.Task)
            {
                try
                {
                    return (T)(await flight.WaitAsync(ct))!;
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    continue; // the one computing failed or gave up: try again, perhaps as the one computing
                }
            }
            try
            {
                if (takesTurn)
                {
                    await computing.WaitAsync(ct);
                }
                T answer;
                try
                {
                    answer = await compute(ct);
                }
                finally
                {
                    if (takesTurn)
                    {
                        computing.Release();
                    }
                }
                Set(key, answer);
                mine.SetResult(answer);
                return answer;
            }
            catch (Exception e)
            {
                mine.SetException(e);
                _ = mine.Task.Exception; // observed: the waiters retry
                throw;
            }
            finally
            {
                flights.TryRemove(new KeyValuePair<string, Task<object?>>(key, mine.Task));
            }
        }
    }

    public bool TryGet<T>(string key, out T value)
    {
        if (cache.TryGetValue(key, out var found) && found is T typed)
        {
            value = typed;
            return true;
        }
        value = default!;
        return false;
    }

    public void Set<T>(string key, T value)
    {
        cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = idle });
        if (value is not null)
        {
            keys.AddOrUpdate(value, key);
        }
    }

    /// <summary>The key an answer was cached under (query, scope, day and data version), or null if it was not cached.</summary>
    public string? KeyOf(object? answer) => answer is not null && keys.TryGetValue(answer, out var key) ? key : null;

    public int Count => cache.Count;

    public void Dispose()
    {
        cache.Dispose();
        computing.Dispose();
    }
}
