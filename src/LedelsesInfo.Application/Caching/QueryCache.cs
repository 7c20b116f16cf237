using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Memory;

namespace LedelsesInfo.Application.Caching;

/// <summary>
/// The process's cache of query answers: a bounded memory cache (entries count one each), entries dropped after a while
/// unused. Keys carry the data version, so a new version simply stops hitting the old entries, which then age out.
/// Each cached answer remembers its key, so a page can cache the HTML it renders from that very answer (<see cref="KeyOf"/>).
/// The web server runs with a bounded GC heap (docs/operations.md, "Memory"): when the heap nears its limit the cache gives
/// back a quarter of its answers, after each full collection and on every 32nd answer it keeps (<see cref="UnderPressure"/>),
/// so answers that can be computed again never make the server run out of memory.
/// </summary>
public sealed class QueryCache : IDisposable
{
    /// <summary>The share of the GC's memory limit above which the heap counts as under pressure.</summary>
    public const double PressureShare = 0.75;

    private readonly MemoryCache cache;
    private readonly ConditionalWeakTable<object, string> keys = [];
    private readonly TimeSpan idle;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<object?>> flights = new();
    private readonly SemaphoreSlim computing;
    private readonly Func<bool> underPressure;
    private long sets;
    private int compactions;

    /// <param name="underPressure">Whether memory is short; by default <see cref="UnderPressure"/>, the GC's own account.</param>
    public QueryCache(int maxEntries = 1000, TimeSpan? idle = null, int? computations = null, Func<bool>? underPressure = null)
    {
        cache = new(new MemoryCacheOptions { SizeLimit = maxEntries });
        this.idle = idle ?? TimeSpan.FromMinutes(30);
        computing = new(computations ?? Environment.ProcessorCount);
        this.underPressure = underPressure ?? UnderPressure;
        FullCollectionWatch.Start(this);
    }

    /// <summary>Times the cache has given back answers for memory's sake.</summary>
    public int Compactions => Volatile.Read(ref compactions);

    /// <summary>The heap, after the last collection, above <see cref="PressureShare"/> of what the GC may use (its hard limit, the container's, or the machine's).</summary>
    public static bool UnderPressure()
    {
        var info = GC.GetGCMemoryInfo();
        return info.TotalAvailableMemoryBytes > 0 && info.HeapSizeBytes > info.TotalAvailableMemoryBytes * PressureShare;
    }

    /// <summary>Gives back a quarter of the answers, least recently used first, if memory is short.</summary>
    public bool YieldIfUnderPressure()
    {
        if (!underPressure())
        {
            return false;
        }
        cache.Compact(0.25);
        Interlocked.Increment(ref compactions);
        return true;
    }

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
        if (Interlocked.Increment(ref sets) % 32 == 0)
        {
            YieldIfUnderPressure();
        }
    }

    /// <summary>The key an answer was cached under (query, scope, day and data version), or null if it was not cached.</summary>
    public string? KeyOf(object? answer) => answer is not null && keys.TryGetValue(answer, out var key) ? key : null;

    public int Count => cache.Count;

    public void Dispose()
    {
        disposed = true;
        cache.Dispose();
        computing.Dispose();
    }

    private volatile bool disposed;

    /// <summary>
    /// An object only a finalizer reaches: it is finalized after each collection of its generation (once it is old, each
    /// full one), asks the cache to yield if memory is short, and registers itself again, for as long as the cache lives.
    /// </summary>
    private sealed class FullCollectionWatch
    {
        private readonly WeakReference<QueryCache> owner;

        private FullCollectionWatch(QueryCache cache) => owner = new WeakReference<QueryCache>(cache);

        public static void Start(QueryCache cache) => _ = new FullCollectionWatch(cache);

        ~FullCollectionWatch()
        {
            if (!owner.TryGetTarget(out var cache) || cache.disposed)
            {
                return;
            }
            try
            {
                cache.YieldIfUnderPressure();
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            GC.ReRegisterForFinalize(this);
        }
    }
}
