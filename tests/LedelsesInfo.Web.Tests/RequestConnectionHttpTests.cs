using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests;

/// <summary>The portal with every context's connection openings and statements counted, by context.</summary>
public sealed class ConnectionCountingPortal : PortalFactory
{
    public ConnectionCounter Counter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<LedelsesInfoDbContext>(options => options.AddInterceptors(Counter)));
    }
}

/// <summary>Per context: how often its connection was opened, and the text of each statement it ran.</summary>
public sealed class ConnectionCounter : DbConnectionInterceptor, IDbCommandInterceptor
{
    public sealed class Counts
    {
        private int opened;

        public int Opened => opened;

        public void Open() => Interlocked.Increment(ref opened);

        public ConcurrentQueue<string> Statements { get; } = new();
    }

    private readonly ConcurrentDictionary<DbContext, Counts> byContext = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<Counts> Contexts => byContext.Values.ToList();

    public void Clear() => byContext.Clear();

    private Counts Of(DbContext? context) => context is null ? new Counts() : byContext.GetOrAdd(context, _ => new Counts());

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Of(eventData.Context).Open();

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Of(eventData.Context).Open();
        return Task.CompletedTask;
    }

    public DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        Of(eventData.Context).Statements.Enqueue(result.CommandText);
        return result;
    }
}

public sealed class RequestConnectionHttpTests(ConnectionCountingPortal factory) : IClassFixture<ConnectionCountingPortal>
{
    [Fact]
    public async Task A_page_opens_its_database_connection_once_for_every_statement_it_runs()
    {
        using var caseworker = await SignIn.AsAsync(factory, "sagsbehandler", 1);
        factory.Counter.Clear();

        var response = await caseworker.GetAsync("/Mine");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The request's own context is the one that checked the session; the access log's writer has its own.
        var request = Assert.Single(factory.Counter.Contexts, c => c.Statements.Any(s => s.Contains("\"sign_in_sessions\"", StringComparison.Ordinal)));
        Assert.True(request.Statements.Count >= 5, $"the page ran {request.Statements.Count} statements");
        Assert.Equal(1, request.Opened);
    }
}
