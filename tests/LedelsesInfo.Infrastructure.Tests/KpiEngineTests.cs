using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>
/// Every key figure on a small municipality computed by hand (the working is in the comments), as of 30 June 2025.
/// The fixture is imported through the real importer and computed by the real engine.
/// </summary>
public sealed class KpiEngineTests : IClassFixture<KpiEngineTests.HandFixture>
{
    public static readonly DateOnly AsOf = new(2025, 6, 30);
    private readonly HandFixture _fixture;

    public KpiEngineTests(HandFixture fixture) => _fixture = fixture;

    public sealed class HandFixture : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new();
        public RecomputeResult? Result { get; private set; }
        public Dictionary<(string Kpi, string Unit, string Period), KpiValue> Values { get; private set; } = [];

        public async Task InitializeAsync()
        {
            var f = Path.Combine(Database.Folder, "hand");
            Directory.CreateDirectory(f);
            Files.Csv(f, "organisation.csv", Files.Organisation);
            Files.Csv(f, "employees.csv", Files.Employees);
            Files.Csv(f, "population.csv", "unit_id;year;age_0_17;age_0_22\nK;2025;10000;13000\n");
            Files.Csv(f, "goals.csv", "kpi_code;unit_id;year;target\nB1;K;2025;80\nB1;F1;2025;85\n");
            Files.Csv(f, "cases.csv", """
                case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on
                S1;B1;2015-01-01;T1;M1;2024-01-01;
                S2;B2;2016-01-01;T1;M2;2025-01-15;
                S3;B3;2012-01-01;T2;M3;2024-06-01;2025-03-31
                S4;B4;2019-01-01;T2;M3;2025-02-01;
                """);
            Files.Csv(f, "notifications.csv", """
                notification_id;unit_id;child_id;case_id;received_at;assessed_at;professional;receipt_sent_on
                N1;T1;B1;S1;2025-04-01 10:00;2025-04-02 09:00;ja;2025-04-08
                N2;T1;B2;;2025-04-16 23:59;2025-04-18 08:00;ja;2025-04-29
                N3;T1;B9;;2025-06-30 20:00;;nej;
                N4;T1;B8;;2025-06-29 08:00;;ja;
                N5;T2;B4;S4;2025-05-05 09:00;2025-05-05 12:00;ja;2025-05-20
                """);
            Files.Csv(f, "examinations.csv", """
                examination_id;case_id;kind;aware_on;completed_on
                E1;S1;bfu;2025-01-31;2025-05-30
                E2;S2;bfu;2025-02-28;
                E3;S4;bfu;2025-03-15;
                E4;S3;afdaekning;2025-01-10;2025-02-01
                """);
            Files.Csv(f, "activities.csv", """
                activity_id;case_id;paragraph;kind;function;provider;decided_on;start_on;end_on;monthly_price
                I1;S1;§46;plejefamilie;5.28.22;;2024-12-20;2025-01-02;;30000
                I2;S2;§32;forebyggende;5.28.21;;2025-01-20;2025-02-01;2025-04-30;10000
                I3;S4;§32;forebyggende;5.28.21;;2025-02-10;2025-02-15;;5000
                I4;S3;§46;opholdssted;5.28.20;;2024-06-10;2024-06-15;2025-03-31;70000
                """);
            Files.Csv(f, "activity_events.csv", """
                activity_id;event;occurred_on;next_followup_months
                I1;plan;2025-03-10;
                I1;opfoelgning;2025-04-20;2
                I1;opfoelgning;2025-06-15;6
                I1;tilsynsbesoeg;2025-05-01;
                I3;opfoelgning;2025-05-10;
                I4;tilsynsbesoeg;2024-12-01;
                """);
            Files.Csv(f, "payments.csv", """
                payment_id;unit_id;function;activity_id;posted_on;amount
                P1;T1;5.28.22;I1;2025-04-05;30000,00
                P2;T1;5.28.21;I2;2025-04-05;10000,50
                P3;T2;5.28.21;I3;2025-05-05;5000,25
                P4;T1;5.28.22;I1;2025-05-05;-1500,10
                P5;T1;5.28.22;I1;2025-01-05;30000,00
                P6;T2;6.45.51;;2025-04-10;999,99
                """);
            Files.Csv(f, "budget.csv", """
                unit_id;function;month;amount
                T1;5.28.22;2025-04;30000
                T1;5.28.22;2025-05;30000
                T1;5.28.22;2025-06;30000
                T1;5.28.22;2025-07;30000
                T2;5.28.21;2025-04;6000
                T2;5.28.21;2025-05;6000
                T2;5.28.21;2025-06;6000
                """);
            Files.Csv(f, "hr.csv", """
                employee_id;month;fte;hours_worked;overtime_hours;sick_days
                M1;2025-04;1;150;2;1
                M1;2025-05;1;150;2;0
                M1;2025-06;1;150;2;2
                M2;2025-04;0,8;120;0;0
                M2;2025-05;0,8;120;0;0
                M2;2025-06;0,8;120;0;0
                M3;2025-04;1;160;0;3
                M3;2025-05;1;160;0;0
                M3;2025-06;1;160;0;0
                M4;2025-04;1;160;0;0
                M4;2025-05;1;160;0;1
                M4;2025-06;1;160;0;0
                """);
            var import = await Database.ImportAsync(f);
            Assert.All(import.Files, file => Assert.Equal(0, file.RowsRejected));
            await using var db = Database.NewContext();
            Result = await new KpiEngine(db).RecomputeAsync(AsOf);
            Values = await db.KpiValues.AsNoTracking().Where(v => v.AsOf == AsOf).ToDictionaryAsync(v => (v.KpiCode, v.UnitId, v.Period));
        }

        public Task DisposeAsync()
        {
            Database.Dispose();
            return Task.CompletedTask;
        }
    }

    private (decimal Numerator, decimal? Denominator) V(string kpi, string unit, string period)
    {
        Assert.True(_fixture.Values.TryGetValue((kpi, unit, period), out var v), $"{kpi} for {unit} in {period} is missing");
        return (v.Numerator, v.Denominator);
    }

    private void Absent(string kpi, string unit, string period) =>
        Assert.False(_fixture.Values.ContainsKey((kpi, unit, period)), $"{kpi} for {unit} in {period} should not exist");

    [Fact]
    public void The_history_starts_with_the_first_payment_and_no_period_after_as_of_is_computed()
    {
        Assert.Equal(new DateOnly(2025, 1, 5), _fixture.Result!.HistoryStart);
        Assert.DoesNotContain(_fixture.Values.Keys, k => k.Period is "2025-07" or "2025-Q3");
        Assert.Contains(_fixture.Values.Keys, k => k.Period == "2025-W27"); // 30 June 2025 is in week 27
    }

    [Fact]
    public void U1_counts_notifications_per_unit_and_sums_up_the_tree()
    {
        Assert.Equal((5m, (decimal?)null), V("U1", "K", "2025-Q2"));
        Assert.Equal((4m, (decimal?)null), V("U1", "T1", "2025-Q2"));
        Assert.Equal((1m, (decimal?)null), V("U1", "T2", "2025-Q2"));
        Assert.Equal((2m, (decimal?)null), V("U1", "T1", "2025-04"));
    }

    [Fact]
    public void U2_counts_assessments_within_24_hours_and_leaves_out_a_deadline_after_as_of()
    {
        // N1 met; N2 (23:59 on 16 April, assessed 18 April 08:00) late; N4 overdue; N5 met; N3's deadline is 1 July 20:00: not counted.
        Assert.Equal((2m, 4m), V("U2", "K", "2025-Q2"));
        Assert.Equal((1m, 2m), V("U2", "T1", "2025-04"));
        Assert.Equal((0m, 1m), V("U2", "T1", "2025-06"));
    }

    [Fact]
    public void U3_counts_receipts_by_the_sixth_working_day()
    {
        // N1: Tue 1 April → 9 April, sent 8 April (met). N2: 16 April, Easter → 29 April, sent 29 April (met).
        // N5: Mon 5 May → 13 May, sent 20 May (late). N4: 29 June → 7 July is after as-of and no receipt: not counted.
        Assert.Equal((2m, 3m), V("U3", "K", "2025-Q2"));
        Assert.Equal((0m, 1m), V("U3", "T2", "2025-05"));
    }

    [Fact]
    public void B1_counts_examinations_by_their_four_month_deadline()
    {
        // E1: 31 Jan + 4 months = 31 May, done 30 May (met). E2: 28 Feb → 28 June, not done. E3: 15 July, after as-of.
        Assert.Equal((1m, 2m), V("B1", "K", "2025-Q2"));
        Assert.Equal((1m, 1m), V("B1", "T1", "2025-05"));
        Absent("B1", "T2", "2025-Q2");
    }

    [Fact]
    public void P1_counts_plans_by_the_three_month_deadline_of_placements()
    {
        // I1 decided 20 Dec 2024 → 20 March 2025, plan 10 March (met). I4's deadline (Sept 2024) is before the history.
        Assert.Equal((1m, 1m), V("P1", "K", "2025-Q1"));
        Absent("P1", "K", "2025-Q2");
    }

    [Fact]
    public void F1_follows_each_activitys_chain_with_its_cadence()
    {
        // I1: d1 = 2 April, done 20 April (late, cadence 2) → d2 = 20 June, done 15 June (met, cadence 6) → d3 = 15 Dec (pending).
        // I2 ends 30 April, before its first deadline of 1 May: none. I3: d1 = 15 May, done 10 May (met), no cadence: chain ends.
        Assert.Equal((2m, 3m), V("F1", "K", "2025-Q2"));
        Assert.Equal((1m, 2m), V("F1", "T1", "2025-Q2"));
        Assert.Equal((1m, 1m), V("F1", "T2", "2025-Q2"));
        Assert.Equal((0m, 1m), V("F1", "T1", "2025-04"));
    }

    [Fact]
    public void The_deadline_list_holds_the_pending_deadline_for_the_team_leaders_list()
    {
        using var db = _fixture.Database.NewContext();
        var i1 = db.Deadlines.Where(d => d.AsOf == AsOf && d.SourceId == "I1" && d.Kind == DeadlineKind.FollowUp).OrderBy(d => d.K).ToList();

        Assert.Equal(
            [(1, new DateOnly(2025, 4, 2), (DateOnly?)new DateOnly(2025, 4, 20)), (2, new DateOnly(2025, 6, 20), new DateOnly(2025, 6, 15)), (3, new DateOnly(2025, 12, 15), null)],
            i1.Select(d => (d.K, d.Due, d.DoneOn)));
        Assert.Equal(("S1", "T1", "M1"), (i1[0].CaseId, i1[0].TeamId, i1[0].CaseworkerId));
        Assert.Equal(DeadlineState.Overdue, Deadlines.StateOf(new DateOnly(2025, 6, 28), null, AsOf)); // E2's BFU
        Assert.Single(db.Deadlines.Where(d => d.AsOf == AsOf && d.SourceId == "E2" && d.DoneOn == null));
    }

    [Fact]
    public void T1_follows_supervisory_visits_and_drops_deadlines_after_the_placement_ends()
    {
        // I1: d1 = 2 July, after as-of. I4: d1 = 15 Dec 2024 (before the history), d2 = 1 June 2025 is after I4's end (31 March).
        Assert.DoesNotContain(_fixture.Values.Keys, k => k.Kpi == "T1");
        using var db = _fixture.Database.NewContext();
        Assert.Equal([new DateOnly(2024, 12, 15)], db.Deadlines.Where(d => d.AsOf == AsOf && d.SourceId == "I4" && d.Kind == DeadlineKind.SupervisoryVisit).Select(d => d.Due).ToList());
    }

    [Fact]
    public void A1_and_A2_count_placements_on_the_periods_last_day()
    {
        // 31 March: I1 (foster family) and I4 (residential, ends that day: end dates are inclusive). 30 June: I1 only.
        Assert.Equal((1m, 2m), V("A2", "K", "2025-Q1"));
        Assert.Equal((1m, 1m), V("A2", "K", "2025-Q2"));
        // One child placed per 10 (thousand) children aged 0-17 in the municipality; teams have no population of their own.
        Assert.Equal((1m, 10m), V("A1", "K", "2025-Q2"));
        Absent("A1", "T1", "2025-Q2");
    }

    [Fact]
    public void S1_divides_open_cases_by_the_caseworkers_fte_in_the_last_month()
    {
        // 30 June: S1, S2 (T1) and S4 (T2) open; S3 closed 31 March. FTE in June: M1 1 + M2 0,8 (T1), M3 1 (T2); the team leader does not count.
        Assert.Equal((3m, 2.8m), V("S1", "K", "2025-Q2"));
        Assert.Equal((2m, 1.8m), V("S1", "T1", "2025-06"));
        Assert.Equal((1m, 1m), V("S1", "T2", "2025-W27"));
    }

    [Fact]
    public void O1_and_O2_compare_spending_on_5_28_with_the_budget_of_the_months_begun()
    {
        // Q2 spending on 5.28.2x: 30000 + 10000,50 + 5000,25 − 1500,10 = 43500,65 (6.45.51 does not count).
        // Budget April-June: T1 3 × 30000 + T2 3 × 6000 = 108000; July has not begun.
        Assert.Equal((43500.65m, 108000m), V("O1", "K", "2025-Q2"));
        Assert.Equal((73500.65m, 108000m), V("O1", "K", "2025"));
        // Preventive 5.28.21: 10000,50 + 5000,25 = 15000,75 of 43500,65.
        Assert.Equal((15000.75m, 43500.65m), V("O2", "K", "2025-Q2"));
        Absent("O1", "K", "2025-W15"); // budgets are monthly: O1 has no weeks
        // Week 19 (5-11 May): only the correction P4 on 5.28.22 in T1.
        Assert.Equal((0m, -1500.10m), V("O2", "T1", "2025-W19"));
    }

    [Fact]
    public void H1_and_H2_are_per_fte_year_over_the_periods_months()
    {
        // Q2: sick days 1+0+2 + 0 + 3 + 1 = 7; FTE 3 × (1 + 0,8 + 1 + 1) = 11,4 → 11,4 / 12 = 0,95 FTE-years.
        Assert.Equal((7m, 0.95m), V("H1", "K", "2025-Q2"));
        Assert.Equal((6m, 0.95m), V("H2", "K", "2025-Q2"));
        // T1: M1 3 + M2 0 + M4 1 = 4 days over 3 × 2,8 / 12 = 0,7.
        Assert.Equal((4m, 0.7m), V("H1", "T1", "2025-Q2"));
        Assert.Equal(7m / 0.95m, KpiCatalogue.Get("H1").Value(7m, 0.95m));
    }

    [Fact]
    public void X1_counts_completed_examinations_and_follow_ups_per_hundred_caseworker_hours()
    {
        // T1 in Q2: E1 completed 30 May + I1's follow-ups 20 April and 15 June = 3; hours M1 3 × 150 + M2 3 × 120 = 810 → 8,1.
        Assert.Equal((3m, 8.1m), V("X1", "T1", "2025-Q2"));
        // T2: I3's follow-up 10 May; M3 3 × 160 = 480 → 4,8. The afdækning E4 is not a BFU.
        Assert.Equal((1m, 4.8m), V("X1", "T2", "2025-Q2"));
    }

    [Fact]
    public async Task A_recompute_for_the_same_date_replaces_the_snapshot_and_another_date_keeps_both()
    {
        await using var db = _fixture.Database.NewContext();
        var before = db.KpiValues.Count(v => v.AsOf == AsOf);
        var engine = new KpiEngine(db);

        await engine.RecomputeAsync(AsOf);
        var earlier = (await engine.RecomputeAsync(new DateOnly(2025, 5, 31)))!;

        Assert.Equal(before, db.KpiValues.Count(v => v.AsOf == AsOf));
        var may = db.KpiValues.AsNoTracking().Where(v => v.AsOf == earlier.AsOf).ToDictionary(v => (v.KpiCode, v.UnitId, v.Period));
        // As of 31 May, N4's and N5's stories differ: only N1, N2 (April) and N5 (May) are known.
        Assert.Equal(3m, may[("U1", "K", "2025-Q2")].Numerator);
        Assert.False(may.ContainsKey(("U1", "K", "2025-06")));
    }
}
