using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Worklists;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Notifications;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LedelsesInfo.Infrastructure.Tests.Notifications;

/// <summary>
/// The weekly message, sent through a real SMTP server on loopback (aiosmtpd) from the hand-worked municipality of
/// <see cref="KpiEngineTests"/> on Monday 30 June 2025: Bo Jensen's examination E2 on case S2 was due on the 28th.
/// </summary>
public sealed class WeeklyMessageTests : IAsyncLifetime, IDisposable
{
    private readonly KpiEngineTests.HandFixture hand = new();
    private readonly SmtpServer smtp = new();

    private sealed class Clock : IClock
    {
        public DateTime Now => new(2025, 6, 30, 9, 0, 0);
    }

    /// <summary>The clock the schedule reads, set by the test.</summary>
    private sealed class Time(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly TestUser System = new(Audience.Administrator, null, null, "system");

    public Task InitializeAsync() => hand.InitializeAsync();

    public Task DisposeAsync() => hand.DisposeAsync();

    public void Dispose() => smtp.Dispose();

    private ServiceProvider Services(TimeProvider? time = null) => hand.Database.Services(System, new Clock(), services =>
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1", ["Notifications:Smtp:Port"] = $"{smtp.Port}", ["Notifications:Smtp:Security"] = "None",
            ["Notifications:Smtp:From"] = "ledelsesinfo@test.dk", ["Notifications:PortalUrl"] = "https://ledelsesinfo.test.dk/",
        }).Build();
        services.AddLedelsesInfoNotifications(configuration, schedule: false);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton<WeeklyMessageService>();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
    });

    [Fact]
    public async Task The_message_holds_counts_and_a_link_and_no_case_child_or_childs_name()
    {
        await using var services = Services();
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new SendWeeklyMessages(new DateOnly(2025, 6, 30), "https://ledelsesinfo.test.dk/", DryRun: false));

        // Bo has E2 two days over; Dorte leads his team. Anne's next deadline is months away, and Carla's team has none to act on.
        Assert.Equal(["bo@test.dk", "dorte@test.dk"], result.Sent.Select(m => m.Address).Order());
        var messages = smtp.Messages(atLeast: 2);
        Assert.Equal(2, messages.Count);
        var bo = messages.Single(m => m.To.Mailboxes.Single().Address == "bo@test.dk");
        Assert.Contains("- 1 nye overskredne (siden sidste uge)", bo.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://ledelsesinfo.test.dk/Mine", bo.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://ledelsesinfo.test.dk/Team", messages.Single(m => m != bo).TextBody, StringComparison.Ordinal);
        await using var db = hand.Database.NewContext();
        var forbidden = (await db.Cases.Select(c => new[] { c.Id, c.ChildId }).ToListAsync()).SelectMany(x => x)
            .Concat(await db.Examinations.Select(e => e.Id).ToListAsync()).Concat(await db.Activities.Select(a => a.Id).ToListAsync()).ToList();
        foreach (var message in messages)
        {
            var text = message.Subject + "\n" + message.TextBody + "\n" + string.Join("\n", message.Headers.Select(h => h.Value));
            Assert.All(forbidden, id => Assert.DoesNotMatch($@"\b{id}\b", text));
        }
        // Each sending is recorded: to whom, when, for which week, the counts.
        var sent = await db.SentMessages.OrderBy(m => m.EmployeeId).ToListAsync();
        Assert.Equal([("M2", "2025-W27", 1, 0), ("M4", "2025-W27", 1, 0)], sent.Select(m => (m.EmployeeId, m.Week, m.NewlyOverdue, m.ThisWeek)));
    }

    [Fact]
    public async Task An_action_due_within_a_week_or_overdue_reaches_its_owner_as_counts_without_its_text()
    {
        // Anne has no deadline to act on this week, so without her actions she would get no message.
        await using (var db = hand.Database.NewContext())
        {
            var note = new FigureNote
            {
                KpiCode = KpiCatalogue.F1.Code, UnitId = "T1", PeriodKind = PeriodKind.Month, Period = "2025-05", Interpretation = "Opfølgningerne halter.",
                WrittenBy = "dorte@test.dk", WrittenAt = new DateTime(2025, 6, 2),
            };
            db.FigureNotes.Add(note);
            await db.SaveChangesAsync();
            FigureAction Action(string what, DateOnly due, DateTime? done = null) => new()
            {
                NoteId = note.Id, What = what, OwnerEmployeeId = "M1", DueOn = due, KpiCode = KpiCatalogue.F1.Code, UnitId = "T1", PeriodKind = PeriodKind.Month,
                StartPeriod = "2025-05", Direction = Heading.Up, TargetBy = new DateOnly(2025, 12, 31), CreatedBy = "dorte@test.dk", CreatedAt = new DateTime(2025, 6, 2), DoneAt = done,
            };
            db.FigureActions.AddRange(
                Action("Ring til skolen om udtalelsen i sagen", new DateOnly(2025, 7, 4)),       // due within a week
                Action("Gennemgå de ældste opfølgninger", new DateOnly(2025, 6, 20)),             // overdue
                Action("Plan for efteråret", new DateOnly(2025, 8, 1)),                           // not due yet
                Action("Allerede gjort", new DateOnly(2025, 6, 25), new DateTime(2025, 6, 26)));  // done
            await db.SaveChangesAsync();
        }
        await using var services = Services();
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new SendWeeklyMessages(new DateOnly(2025, 6, 30), "https://ledelsesinfo.test.dk/", DryRun: false));

        Assert.Contains("anne@test.dk", result.Sent.Select(m => m.Address));
        var anne = smtp.Messages(atLeast: 3).Single(m => m.To.Mailboxes.Single().Address == "anne@test.dk");
        Assert.Equal("Ugens frister: 0 at handle på, 2 handlinger med frist", anne.Subject);
        Assert.Contains("- 1 med frist inden for en uge", anne.TextBody, StringComparison.Ordinal);
        Assert.Contains("- 1 overskredne", anne.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://ledelsesinfo.test.dk/Handlinger?mine=1", anne.TextBody, StringComparison.Ordinal);
        // Free text written by a leader may name a child: it stays in the portal.
        Assert.DoesNotContain("skolen", anne.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("opfølgninger", anne.TextBody, StringComparison.Ordinal);
        // Bo's message has no actions part: he owns none.
        Assert.DoesNotContain("Dine handlinger", smtp.Messages(atLeast: 3).Single(m => m.To.Mailboxes.Single().Address == "bo@test.dk").TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schedule_sends_once_a_week_and_not_again_after_a_restart_and_not_to_who_turned_it_off()
    {
        await using (var db = hand.Database.NewContext())
        {
            db.WeeklyMessageOptOuts.Add(new WeeklyMessageOptOut { EmployeeId = "M4", At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        // Monday 30 June 2025 06:59 Danish time (04:59 UTC): not yet.
        var time = new Time(new DateTimeOffset(2025, 6, 30, 4, 59, 0, TimeSpan.Zero));
        await using (var first = Services(time))
        {
            var service = first.GetRequiredService<WeeklyMessageService>();
            Assert.Equal(0, await service.RunOnceAsync(CancellationToken.None));
            time.Now = time.Now.AddMinutes(1); // 07:00
            Assert.Equal(1, await service.RunOnceAsync(CancellationToken.None));
            time.Now = time.Now.AddMinutes(1);
            Assert.Equal(0, await service.RunOnceAsync(CancellationToken.None));
        }
        // A restart at noon the same Monday, and on Thursday: nothing more that week.
        time.Now = new DateTimeOffset(2025, 6, 30, 10, 0, 0, TimeSpan.Zero);
        await using (var restarted = Services(time))
        {
            Assert.Equal(0, await restarted.GetRequiredService<WeeklyMessageService>().RunOnceAsync(CancellationToken.None));
            time.Now = time.Now.AddDays(3);
            Assert.Equal(0, await restarted.GetRequiredService<WeeklyMessageService>().RunOnceAsync(CancellationToken.None));
        }
        Assert.Single(smtp.Messages(atLeast: 1));
        Assert.Equal("bo@test.dk", smtp.Messages(atLeast: 1).Single().To.Mailboxes.Single().Address);
        await using var check = hand.Database.NewContext();
        Assert.Equal(["M2"], await check.SentMessages.Select(m => m.EmployeeId).ToListAsync());
    }
}
