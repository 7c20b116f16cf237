using Microsoft.EntityFrameworkCore;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Catalogue;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Tests.Support;

namespace LedelsesInfo.Infrastructure.Tests.Features.Catalogue;

public sealed class DataQualityTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private sealed record User(Audience Audience, string? UnitId, string? EmployeeId = null, string UserName = "test") : ICurrentUser;

    [Fact]
    public async Task Each_kind_of_bad_data_is_counted_for_its_team_and_a_team_leader_sees_the_own_team_with_the_cases_behind_it()
    {
        var f = _db.Folder;
        Files.Basics(f);
        Files.Csv(f, "cases.csv", """
            case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on
            S1;B1;2015-01-01;T1;M1;2024-01-01;
            S2;B2;2015-01-01;T1;M3;2024-01-01;
            S3;B3;2015-01-01;T2;M3;2024-01-01;2024-12-31
            S4;B4;2015-01-01;T2;M3;2024-01-01;
            """);
        Files.Csv(f, "activities.csv", """
            activity_id;case_id;paragraph;kind;function;provider;decided_on;start_on;end_on;monthly_price
            I1;S1;§32;forebyggende;5.28.21;;2024-01-10;2024-02-01;;1000
            I2;S1;§32;forebyggende;5.28.21;;2024-01-10;2024-02-01;;1000
            I3;S3;§46;plejefamilie;5.28.22;;2024-01-10;2024-02-01;;1000
            I4;S4;§32;forebyggende;5.28.21;;2024-01-10;2024-02-01;2024-06-30;1000
            I5;S1;§46;plejefamilie;5.28.22;;2024-03-01;2024-03-10;;1000
            """);
        Files.Csv(f, "activity_events.csv", """
            activity_id;event;occurred_on;next_followup_months
            I1;opfoelgning;2024-05-01;
            I2;opfoelgning;2024-05-01;3
            I2;barnets_synspunkter;2024-01-05;
            I2;plan;2024-01-20;
            I4;opfoelgning;2024-04-01;
            I5;barnets_synspunkter;2024-02-20;
            I5;opfoelgning;2024-03-05;3
            I5;tilsynsbesoeg;2024-03-10;
            """);
        await _db.ImportAsync(f);
        await using var db = _db.NewContext();

        var all = (await _db.SendAsync<DataQuality>(new GetDataQuality(), new User(Audience.Administrator, "K"))).Issues;
        var asLeader = await _db.SendAsync<DataQuality>(new GetDataQuality(), new User(Audience.TeamLeader, "T1", "M4", "leder@test.dk"));
        var leader = asLeader.Issues;

        int Count(IReadOnlyList<DataQualityIssue> issues, string code, string team) =>
            issues.Single(i => i.Code == code).PerTeam.Where(t => t.TeamId == team).Sum(t => t.Count);
        // I1 (T1) and I4 (T2) have a follow-up without cadence.
        Assert.Equal((1, 1), (Count(all, "kadence", "T1"), Count(all, "kadence", "T2")));
        // I2's child's views before the decision and its plan before the start are what the law asks: not counted. I5 has
        // a follow-up before its start and a supervisory visit on the start date, neither of which can answer a deadline.
        Assert.Equal(1, Count(all, "foer_start", "T1"));
        Assert.Equal([("S1", "I5")], leader.Single(i => i.Code == "foer_start").Cases.Select(c => (c.CaseId, c.ActivityId)));
        // S2 in T1 has M3, a caseworker of T2.
        Assert.Equal(1, Count(all, "sagsbehandler", "T1"));
        // I3 runs on after S3 was closed; I4 ended in time.
        Assert.Equal((0, 1), (Count(all, "lukket_sag", "T1"), Count(all, "lukket_sag", "T2")));
        Assert.All(leader, i => Assert.All(i.PerTeam, t => Assert.Equal("T1", t.TeamId)));
        Assert.Equal(1, Count(leader, "kadence", "T1"));
        // The team leader gets the cases behind each count with what to correct, and each case shown is logged; the
        // administrator gets the counts only.
        Assert.Equal([("S1", "I1")], leader.Single(i => i.Code == "kadence").Cases.Select(c => (c.CaseId, c.ActivityId)));
        Assert.Equal(["S2"], leader.Single(i => i.Code == "sagsbehandler").Cases.Select(c => c.CaseId));
        Assert.All(leader, i => Assert.False(string.IsNullOrWhiteSpace(i.Correction)));
        Assert.True(asLeader.ShowsCases);
        Assert.All(all, i => Assert.Empty(i.Cases));
        var logged = (await db.AccessLog.Where(e => e.UserName == "leder@test.dk").LinesAsync()).Select(e => e.CaseId);
        Assert.Equal(["S1", "S2"], logged.Order());
    }
}
