using LedelsesInfo.Application.Features.Catalogue;
using LedelsesInfo.Application.Features.Worklists;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.Features.Worklists;

/// <summary>
/// Who gets the weekly message, through the mediator: the administrator's setting per audience and each person's own
/// choice (the sending itself is in <c>WeeklyMessageTests</c>, over SMTP).
/// </summary>
public sealed class WeeklyMessageSettingTests : IAsyncLifetime
{
    private readonly KpiEngineTests.HandFixture hand = new();
    private static readonly TestUser Dorte = new(Audience.TeamLeader, "T1", "M4", "dorte@test.dk");
    private static readonly TestUser Admin = new(Audience.Administrator, null, null, "admin@test.dk");

    public Task InitializeAsync() => hand.InitializeAsync();

    public Task DisposeAsync() => hand.DisposeAsync();

    [Fact]
    public async Task A_team_leader_turns_her_own_message_off_and_on_again_and_sees_her_address_and_her_audiences_setting()
    {
        await hand.Database.SendAsync<bool>(new UpdateWeeklyMessageSetting(Audience.TeamLeader, true), Admin);
        var before = await hand.Database.SendAsync<MyWeeklyMessage>(new GetMyWeeklyMessage(), Dorte);

        await hand.Database.SendAsync<bool>(new SetMyWeeklyMessage(false), Dorte);
        await hand.Database.SendAsync<bool>(new SetMyWeeklyMessage(false), Dorte); // twice off is one opt-out
        var off = await hand.Database.SendAsync<MyWeeklyMessage>(new GetMyWeeklyMessage(), Dorte);
        await using (var db = hand.Database.NewContext())
        {
            Assert.Equal(["M4"], await db.WeeklyMessageOptOuts.Select(o => o.EmployeeId).ToListAsync());
        }
        await hand.Database.SendAsync<bool>(new SetMyWeeklyMessage(true), Dorte);
        var on = await hand.Database.SendAsync<MyWeeklyMessage>(new GetMyWeeklyMessage(), Dorte);

        Assert.Equal(new MyWeeklyMessage(true, true, "dorte@test.dk"), before);
        Assert.Equal(new MyWeeklyMessage(true, false, "dorte@test.dk"), off);
        Assert.Equal(new MyWeeklyMessage(true, true, "dorte@test.dk"), on);
        await using var check = hand.Database.NewContext();
        Assert.Empty(await check.WeeklyMessageOptOuts.ToListAsync());
    }

    [Fact]
    public async Task The_administrator_sets_an_audience_on_and_off_and_only_audiences_with_a_worklist_can_have_it()
    {
        await hand.Database.SendAsync<bool>(new UpdateWeeklyMessageSetting(Audience.Caseworker, true), Admin);
        await hand.Database.SendAsync<bool>(new UpdateWeeklyMessageSetting(Audience.Caseworker, false), Admin);
        await hand.Database.SendAsync<bool>(new UpdateWeeklyMessageSetting(Audience.TeamLeader, true), Admin);

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            hand.Database.SendAsync<bool>(new UpdateWeeklyMessageSetting(Audience.Committee, true), Admin));
        var settings = await hand.Database.SendAsync<IReadOnlyDictionary<Audience, bool>>(new GetWeeklyMessageSettings(), Admin);

        Assert.Contains("Kun teamledere og sagsbehandlere", refused.Message, StringComparison.Ordinal);
        Assert.False(settings[Audience.Caseworker]);
        Assert.True(settings[Audience.TeamLeader]);
        Assert.False(settings.ContainsKey(Audience.Committee));
        var withoutEmployee = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => hand.Database.SendAsync<bool>(new SetMyWeeklyMessage(false), Admin));
        Assert.Contains("medarbejderfilen", withoutEmployee.Message, StringComparison.Ordinal);
    }
}
