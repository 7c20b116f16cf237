using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Memory;

namespace LedelsesInfo.Application.Caching;

/// <summary>
/// The process's cache of query answers: a bounded memory cache (entries count one each), entries dropped after a while
/// unused. Keys carry the data version, so a new version simply stops hitting the old entries, which then age out.
/// Each cached answer remembers its key, so a page can cache the HTML it renders from that very answer (<see cref="KeyOf"/>).
/// </summary>
public sealed class QueryCache(int maxEntries = 1000, TimeSpan? idle = null) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = maxEntries });
    private readonly ConditionalWeakTable<object, string> keys = [];
    private readonly TimeSpan idle = idle ?? TimeSpan.FromMinutes(30);

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

    public void Dispose() => cache.Dispose();
}
