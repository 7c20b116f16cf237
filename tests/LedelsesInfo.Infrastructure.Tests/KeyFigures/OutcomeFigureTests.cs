using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.KeyFigures;

/// <summary>
/// E1-E3 worked by hand on a small municipality, as of 30 June 2025 (docs/key-figures.md, "Results for the children"):
/// a follow-up without an assessment not counted, a placement ending after as-of not counted, a re-notification 365 and
/// 366 days after the case closed, a child with two cases counted once, a notification on the day a case closed not
/// counted; and the import's checks of the two new columns.
/// </summary>
public sealed class OutcomeFigureTests : IAsyncLifetime, IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);
    private readonly TestDatabase _db = new();
    private Dictionary<(string Kpi, string Unit, string Period), KpiValue> _values = [];

    public async Task InitializeAsync()
    {
        var f = Path.Combine(_db.Folder, "hand");
        Directory.CreateDirectory(f);
        Files.Basics(f);
        Files.Csv(f, "cases.csv", """
            case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on
            S1;B1;2015-01-01;T1;M1;2024-01-01;
            S2;B2;2009-01-01;T1;M2;2023-01-01;2024-04-01
            S3;B3;2012-01-01;T2;M3;2024-01-01;2025-01-10
            S4;B3;2012-01-01;T2;M3;2025-02-01;2025-05-01
            """);
        Files.Csv(f, "notifications.csv", """
            notification_id;unit_id;child_id;case_id;received_at;assessed_at;professional;receipt_sent_on
            N1;T1;B2;;2025-04-01 09:00;2025-04-01 12:00;nej;
            N2;T1;B2;;2025-04-02 09:00;2025-04-02 12:00;nej;
            N3;T2;B3;;2025-05-20 09:00;2025-05-20 12:00;nej;
            N4;T2;B3;;2025-01-10 10:00;2025-01-10 12:00;nej;
            N5;T2;B9;;2025-05-05 09:00;2025-05-05 12:00;nej;
            N6;T1;B1;S1;2025-06-01 09:00;2025-06-01 12:00;nej;
            """);
        Files.Csv(f, "activities.csv", """
            activity_id;case_id;paragraph;kind;function;provider;decided_on;start_on;end_on;monthly_price;end_reason
            I1;S1;§32;forebyggende;5.28.21;;2024-12-20;2025-01-01;;5000;
            I2;S4;§32;forebyggende;5.28.21;;2025-02-01;2025-02-01;2025-05-01;5000;planlagt
            I3;S1;§46;plejefamilie;5.28.22;;2024-05-20;2024-06-01;2025-05-15;30000;sammenbrud
            I4;S2;§46;opholdssted;5.28.20;;2023-05-20;2023-06-01;2024-03-31;70000;planlagt
            I5;S3;§46;doegninstitution;5.28.23;;2024-01-20;2024-02-01;2025-01-10;90000;planlagt
            I6;S4;§46;plejefamilie;5.28.22;;2025-02-01;2025-02-05;2025-07-10;30000;sammenbrud
            I7;S4;§46;netvaerksplejefamilie;5.28.22;;2025-02-01;2025-02-01;2025-06-20;15000;
            """);
        Files.Csv(f, "activity_events.csv", """
            activity_id;event;occurred_on;next_followup_months;goal_attained
            I1;opfoelgning;2025-04-01;1;ja
            I1;opfoelgning;2025-05-01;1;delvist
            I1;opfoelgning;2025-06-01;1;
            I1;opfoelgning;2025-07-05;1;ja
            I2;opfoelgning;2025-04-15;3;nej
            """);
        var import = await _db.ImportAsync(f);
        Assert.All(import.Files, file => Assert.Equal(0, file.RowsRejected));
        await using var db = _db.NewContext();
        await new KpiEngine(db).RecomputeAsync(AsOf);
        _values = await db.KpiValues.AsNoTracking().Where(v => v.AsOf == AsOf).ToDictionaryAsync(v => (v.KpiCode, v.UnitId, v.Period));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    private (decimal Numerator, decimal? Denominator)? Value(Kpi kpi, string unit, string period) =>
        _values.TryGetValue((kpi.Code, unit, period), out var v) ? (v.Numerator, v.Denominator) : null;

    [Fact]
    public void E1_counts_the_assessed_follow_ups_up_to_as_of_and_those_whose_goal_is_reached()
    {
        // April: I1 reached, I2 not. May: I1 partly. June: I1 not assessed. July: after as-of.
        Assert.Equal((1m, 3m), Value(KpiCatalogue.E1, "K", "2025-Q2"));
        Assert.Equal((1m, 2m), Value(KpiCatalogue.E1, "K", "2025-04"));
        Assert.Equal((1m, 2m), Value(KpiCatalogue.E1, "T1", "2025-Q2"));
        Assert.Equal((0m, 1m), Value(KpiCatalogue.E1, "T2", "2025-Q2"));
        Assert.True(Value(KpiCatalogue.E1, "K", "2025-06") is null or { Denominator: 0 });
    }

    [Fact]
    public void E2_counts_the_placements_that_ended_by_as_of_and_those_that_broke_down()
    {
        // Q2: I3 broke down, I7 ended without a reason (counted as ended, not as a breakdown). I6 ends after as-of; I2 is no placement.
        Assert.Equal((1m, 2m), Value(KpiCatalogue.E2, "K", "2025-Q2"));
        Assert.Equal((0m, 1m), Value(KpiCatalogue.E2, "K", "2025-Q1"));
        Assert.Equal((1m, 3m), Value(KpiCatalogue.E2, "K", "2025"));
        Assert.Equal((1m, 1m), Value(KpiCatalogue.E2, "T1", "2025-Q2"));
        Assert.Equal((0m, 1m), Value(KpiCatalogue.E2, "T2", "2025-Q2"));
    }

    [Fact]
    public void E3_counts_a_notification_365_days_after_a_case_closed_not_366_and_a_child_with_two_cases_once()
    {
        // N1 365 days after S2 closed (yes), N2 366 days (no), N3 19 days after S4 (yes, though B3 has two closed cases),
        // N5 a child with no case, N6 a child whose case is open. N4 came the day S3 closed: not before it.
        Assert.Equal((2m, 5m), Value(KpiCatalogue.E3, "K", "2025-Q2"));
        Assert.Equal((1m, 3m), Value(KpiCatalogue.E3, "T1", "2025-Q2"));
        Assert.Equal((1m, 2m), Value(KpiCatalogue.E3, "T2", "2025-Q2"));
        Assert.Equal((0m, 1m), Value(KpiCatalogue.E3, "K", "2025-Q1"));
    }

    [Fact]
    public async Task The_new_columns_are_checked_by_the_import_and_a_placement_ended_without_reason_is_on_the_data_quality_list()
    {
        var f = Directory.CreateDirectory(Path.Combine(_db.Folder, "bad")).FullName;
        var events = await _db.ImportOneAsync(Files.Csv(f, "activity_events.csv", """
            activity_id;event;occurred_on;next_followup_months;goal_attained
            I1;plan;2025-03-01;;ja
            I1;opfoelgning;2025-06-10;1;måske
            """));
        Assert.Equal(2, events.RowsRejected);
        Assert.Contains(events.Errors, e => e.Column == "goal_attained" && e.Reason.Contains("kun ved en opfølgning", StringComparison.Ordinal));
        Assert.Contains(events.Errors, e => e.Column == "goal_attained" && e.Reason.Contains("brug ja, delvist, nej", StringComparison.Ordinal));
        var activities = await _db.ImportOneAsync(Files.Csv(f, "activities.csv", """
            activity_id;case_id;paragraph;kind;function;provider;decided_on;start_on;end_on;monthly_price;end_reason
            I8;S1;§32;forebyggende;5.28.21;;2025-03-01;2025-03-01;;5000;sammenbrud
            I9;S1;§32;forebyggende;5.28.21;;2025-03-01;2025-03-01;2025-04-01;5000;udskrevet
            """));
        Assert.Equal(2, activities.RowsRejected);
        Assert.Contains(activities.Errors, e => e.Column == "end_reason" && e.Reason.Contains("kun, når indsatsen har en slutdato", StringComparison.Ordinal));
        Assert.Contains(activities.Errors, e => e.Column == "end_reason" && e.Reason.Contains("planlagt, sammenbrud, flytning, myndighedsalder, andet", StringComparison.Ordinal));

        var quality = await _db.SendAsync<LedelsesInfo.Application.Features.Catalogue.DataQuality>(new LedelsesInfo.Application.Features.Catalogue.GetDataQuality(), new TestUser(Audience.TeamLeader, "T2", null, "t2@test.dk"));
        var ended = quality.Issues.Single(i => i.Code == "slutaarsag");
        Assert.Equal(["I7"], ended.Cases.Select(c => c.ActivityId));

        await using var db = _db.NewContext();
        Assert.Equal(EndReason.Breakdown, (await db.Activities.SingleAsync(a => a.Id == "I3")).EndReason);
        Assert.Null((await db.Activities.SingleAsync(a => a.Id == "I7")).EndReason);
        Assert.Equal(GoalAttained.Partly, (await db.ActivityEvents.SingleAsync(e => e.ActivityId == "I1" && e.OccurredOn == new DateOnly(2025, 5, 1))).GoalAttained);
    }
}
