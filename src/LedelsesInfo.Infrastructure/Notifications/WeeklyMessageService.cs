using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Worklists;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LedelsesInfo.Infrastructure.Notifications;

/// <summary>When the weekly message goes out: a day of the week and a Danish time (<c>Notifications:Weekly</c>), Monday 07:00 unless set.</summary>
public sealed record WeeklySchedule(DayOfWeek Day, TimeOnly At)
{
    public static readonly TimeZoneInfo DanishTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public static WeeklySchedule From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var day = Enum.TryParse<DayOfWeek>(configuration["Notifications:Weekly:Day"], ignoreCase: true, out var d) ? d : DayOfWeek.Monday;
        var at = TimeOnly.TryParse(configuration["Notifications:Weekly:Time"], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : new TimeOnly(7, 0);
        return new WeeklySchedule(day, at);
    }

    /// <summary>Whether the week's sending is due at a moment (UTC): on or after the day and time in the week (Danish time).</summary>
    public bool IsDue(DateTime utcNow, out DateOnly danishDay)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), DanishTime);
        danishDay = DateOnly.FromDateTime(local);
        static int Index(DayOfWeek d) => ((int)d + 6) % 7; // Monday first, as the ISO week
        return Index(local.DayOfWeek) > Index(Day) || (Index(local.DayOfWeek) == Index(Day) && TimeOnly.FromDateTime(local) >= At);
    }
}

/// <summary>
/// Sends the weekly message on its schedule (off unless <c>Notifications:Smtp:Host</c> is set). It looks once a minute;
/// once the week's time has come it sends to everyone not yet recorded for the week, so a restart on Monday afternoon
/// sends nothing twice, and a server that was down at 07:00 sends when it comes back.
/// </summary>
public sealed class WeeklyMessageService(IServiceScopeFactory scopes, WeeklySchedule schedule, IConfiguration configuration, TimeProvider time, ILogger<WeeklyMessageService> logger) : BackgroundService
{
    /// <summary>The week whose sending has finished in this process, so the minute's look costs nothing after it.</summary>
    private string? doneWeek;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Den ugentlige besked kunne ikke sendes; der prøves igen om et minut.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One look: sends the week's messages if their time has come and the week is not done. Returns how many were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (!schedule.IsDue(time.GetUtcNow().UtcDateTime, out var day))
        {
            return 0;
        }
        var week = Domain.Periods.Of(Domain.PeriodKind.Week, day).Key;
        if (week == doneWeek)
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var portal = configuration["Notifications:PortalUrl"] is { Length: > 0 } url ? url : "http://localhost:5080";
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendWeeklyMessages(day, portal, DryRun: false), ct);
        if (result.Failed.Count == 0)
        {
            doneWeek = week;
        }
        if (result.Sent.Count > 0 || result.Failed.Count > 0)
        {
            logger.LogInformation("Ugentlig besked for {Week}: {Sent} sendt, {Failed} fejlede.", week, result.Sent.Count, result.Failed.Count);
        }
        return result.Sent.Count;
    }
}

public static class NotificationServiceCollectionExtensions
{
    /// <summary>The mail sender (SMTP when configured), and the weekly schedule when <paramref name="schedule"/> is true and SMTP is set.</summary>
    public static IServiceCollection AddLedelsesInfoNotifications(this IServiceCollection services, IConfiguration configuration, bool schedule)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var smtp = SmtpSettings.Read(configuration);
        if (smtp is null)
        {
            services.AddSingleton<IMailSender, NoMailSender>();
            return services;
        }
        services.AddSingleton(smtp);
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton(WeeklySchedule.From(configuration));
        services.AddSingleton(TimeProvider.System);
        if (schedule)
        {
            services.AddSingleton<WeeklyMessageService>();
            services.AddHostedService(sp => sp.GetRequiredService<WeeklyMessageService>());
        }
        return services;
    }
}
