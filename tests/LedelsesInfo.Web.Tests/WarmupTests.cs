using System.Collections.Concurrent;
using LedelsesInfo.Application.Caching;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LedelsesInfo.Web.Tests;

/// <summary>The warm-up before the portal listens shows every audience's page once, and neither caches an answer or a page nor logs a view.</summary>
public sealed class WarmupTests
{
    private sealed class Capture : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(Capture capture) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                capture.Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }

    private sealed class Factory(Capture capture) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(capture));
        }
    }

    [Fact]
    public async Task Each_audiences_page_is_shown_once_before_the_portal_listens_without_caching_or_logging_a_view()
    {
        var capture = new Capture();
        using var factory = new Factory(capture);

        using var client = factory.NewClient(); // starts the host: migrate, seed the demo, warm up

        Assert.Contains(capture.Lines, l => l.StartsWith("Information: Opvarmning: /Fagudvalg 200, /Ledelse 200, /Team 200, /Mine 200 vist én gang på", StringComparison.Ordinal));
        Assert.DoesNotContain(capture.Lines, l => l.Contains("Opvarmningen af dashboards mislykkedes", StringComparison.Ordinal));
        Assert.Equal(0, factory.Services.GetRequiredService<QueryCache>().Count);
        var pages = Assert.IsType<MemoryCache>(factory.Services.GetRequiredService<CacheTagHelperMemoryCacheFactory>().Cache);
        Assert.Equal(0, pages.Count); // no rendered dashboard kept either
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
        Assert.False(await db.AccessLog.AnyAsync(e => e.UserName == Warmup.UserName)); // the demo's own supervision rounds log theirs
    }
}
