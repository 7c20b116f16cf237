using FluentValidation;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Behaviors;
using LedelsesInfo.Application.Caching;
using LedelsesInfo.Application.Features.Home;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LedelsesInfo.Infrastructure.Tests.Support;

/// <summary>A signed-in user as the handlers scope rows by.</summary>
public sealed record TestUser(Audience Audience, string? UnitId, string? EmployeeId, string UserName = "test") : ICurrentUser;

/// <summary>
/// Sends a message through the application layer's own pipeline (logging, validation, access log, cache, in the web
/// app's order) as a chosen user, against a test database: a use case is tested as a page uses it (ContosoUniversity's
/// <c>SliceFixture.SendAsync</c>).
/// </summary>
public static class Slice
{
    public static async Task<TResponse> SendAsync<TResponse>(this TestDatabase database, IMessage message, ICurrentUser user, IClock? clock = null)
    {
        await using var provider = database.Services(user, clock);
        await using var scope = provider.CreateAsyncScope();
        return (TResponse)(await scope.ServiceProvider.GetRequiredService<IMediator>().Send((object)message))!;
    }

    /// <summary>The application layer's services on the test database, as the web app registers them; <paramref name="configure"/> adds or replaces some.</summary>
    public static ServiceProvider Services(this TestDatabase database, ICurrentUser user, IClock? clock = null, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddMediator(options =>
        {
            options.Assemblies = [typeof(GetHome)];
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(AccessLogBehavior<,>), typeof(CachingBehavior<,>)];
        });
        services.AddValidatorsFromAssemblyContaining<GetHome>(includeInternalTypes: true);
        services.AddSingleton(new QueryCache(100));
        services.AddScoped<RequestVersions>();
        services.AddScoped<StartupRun>();
        services.AddScoped<SharedReads>();
        services.AddScoped(_ => database.NewContext());
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<LedelsesInfoDbContext>());
        services.AddSingleton(user);
        services.AddSingleton(clock ?? new FixedClock());
        services.AddSingleton<IMailSender, LedelsesInfo.Infrastructure.Notifications.NoMailSender>();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
