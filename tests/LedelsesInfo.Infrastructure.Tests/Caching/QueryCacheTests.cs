using LedelsesInfo.Application.Caching;

namespace LedelsesInfo.Infrastructure.Tests.Caching;

/// <summary>The cache's single flight and its cap on computations, gated by hand (no timing).</summary>
public sealed class QueryCacheTests
{
    [Fact]
    public async Task A_key_asked_for_by_many_at_once_is_computed_once_and_all_get_that_answer()
    {
        using var cache = new QueryCache(100, computations: 2);
        var gate = new TaskCompletionSource();
        var computed = 0;
        async ValueTask<string> Compute(CancellationToken ct)
        {
            Interlocked.Increment(ref computed);
            await gate.Task;
            return "svaret";
        }

        var asks = Enumerable.Range(0, 20).Select(_ => cache.GetOrComputeAsync("k", Compute, CancellationToken.None).AsTask()).ToList();
        // Each ask runs to its first wait before the next starts: all twenty are waiting on the one flight now.
        gate.SetResult();
        var answers = await Task.WhenAll(asks);

        Assert.Equal(1, computed);
        Assert.All(answers, a => Assert.Equal("svaret", a));
        Assert.True(cache.TryGet("k", out string kept) && kept == "svaret");
    }

    [Fact]
    public async Task Computations_take_turns_while_a_cached_answer_is_served_at_once()
    {
        using var cache = new QueryCache(100, computations: 1);
        cache.Set("cached", "gammelt");
        var first = new TaskCompletionSource();
        var secondStarted = false;

        var one = cache.GetOrComputeAsync("a", async _ => { await first.Task; return "a"; }, CancellationToken.None).AsTask();
        var two = cache.GetOrComputeAsync("b", _ => { secondStarted = true; return ValueTask.FromResult("b"); }, CancellationToken.None).AsTask();
        var hit = await cache.GetOrComputeAsync<string>("cached", _ => throw new InvalidOperationException("beregnet igen"), CancellationToken.None);

        Assert.Equal("gammelt", hit); // served while "a" holds the only turn
        Assert.False(secondStarted); // "b" waits for its turn
        first.SetResult();
        Assert.Equal(("a", "b"), (await one, await two));
        Assert.True(secondStarted);
    }

    [Fact]
    public async Task A_computation_that_fails_is_not_shared_and_the_waiters_compute_for_themselves()
    {
        using var cache = new QueryCache(100, computations: 2);
        var gate = new TaskCompletionSource();
        var attempts = 0;
        async ValueTask<string> Compute(CancellationToken ct)
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await gate.Task;
                throw new InvalidOperationException("databasen svarede ikke");
            }
            return "andet forsøg";
        }

        var failing = cache.GetOrComputeAsync("k", Compute, CancellationToken.None).AsTask();
        var waiting = cache.GetOrComputeAsync("k", Compute, CancellationToken.None).AsTask();
        gate.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("andet forsøg", await waiting);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void When_memory_is_short_the_cache_gives_back_a_quarter_of_its_answers_and_otherwise_keeps_them()
    {
        var short_ = false;
        using var cache = new QueryCache(1000, underPressure: () => short_);
        for (var i = 0; i < 64; i++)
        {
            cache.Set($"k{i}", new object());
        }
        Assert.Equal(64, cache.Count);
        Assert.Equal(0, cache.Compactions);

        short_ = true;
        for (var i = 64; i < 96; i++)
        {
            cache.Set($"k{i}", new object());
        }

        Assert.Equal(1, cache.Compactions);
        Assert.Equal(96 - 24, cache.Count); // a quarter of 96, on the 96th answer kept
        Assert.True(cache.YieldIfUnderPressure());
        Assert.Equal(54, cache.Count);
    }

    [Fact]
    public void The_gcs_own_account_of_pressure_is_read_without_failing()
    {
        _ = QueryCache.UnderPressure();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.False(QueryCache.UnderPressure()); // a test process is far from any limit
    }
}
