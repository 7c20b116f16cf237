using LedelsesInfo.Domain;

namespace LedelsesInfo.Domain.Tests;

/// <summary>Hand-worked cases for every edge of docs/key-figures.md's deadline rules.</summary>
public sealed class DeadlineTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void A_notification_received_at_23_59_must_be_assessed_by_23_59_the_next_day()
    {
        var received = new DateTime(2025, 3, 4, 23, 59, 0);
        Assert.Equal(new DateTime(2025, 3, 5, 23, 59, 0), Deadlines.Assessment(received));
        Assert.True(new DateTime(2025, 3, 5, 23, 59, 0) <= Deadlines.Assessment(received));
        Assert.False(new DateTime(2025, 3, 6, 0, 0, 0) <= Deadlines.Assessment(received));
    }

    [Fact]
    public void A_receipt_deadline_skips_easter_2025()
    {
        // Received Wed 16 April 2025. Thu 17, Fri 18 (holidays), weekend, Mon 21 (2. påskedag): Tue 22 … Tue 29 is the 6th.
        Assert.Equal(D(2025, 4, 29), Deadlines.Receipt(D(2025, 4, 16)));
    }

    [Fact]
    public void A_receipt_deadline_on_the_christmas_weekend_moves_past_the_holidays()
    {
        // Received Fri 20 Dec 2024: Mon 23, Tue 24 (a working day), Wed 25 and Thu 26 holidays, Fri 27, Mon 30, Tue 31, Thu 2 Jan (1 Jan holiday).
        Assert.Equal(D(2025, 1, 2), Deadlines.Receipt(D(2024, 12, 20)));
    }

    [Fact]
    public void A_notification_received_on_a_saturday_counts_working_days_from_monday()
    {
        Assert.Equal(D(2025, 3, 17), Deadlines.Receipt(D(2025, 3, 8)));
    }

    [Fact]
    public void An_examination_deadline_is_four_calendar_months_clamped_to_the_month_end()
    {
        Assert.Equal(D(2024, 2, 29), Deadlines.Examination(D(2023, 10, 31)));
        Assert.Equal(D(2025, 7, 15), Deadlines.Examination(D(2025, 3, 15)));
    }

    [Fact]
    public void The_childs_plan_deadline_is_three_months_after_the_decision() =>
        Assert.Equal(D(2025, 4, 30), Deadlines.ChildPlan(D(2025, 1, 31)));

    [Fact]
    public void A_late_follow_up_moves_the_next_deadline()
    {
        // Start 10 Jan: d1 = 10 Apr. Done late on 1 May with cadence 6: d2 = 1 Nov, answered 20 Oct (met) with cadence 3: d3 = 20 Jan.
        var chain = Deadlines.FollowUps(D(2025, 1, 10), null,
            [new(D(2025, 5, 1), 6), new(D(2025, 10, 20), 3)], asOf: D(2025, 12, 31));

        Assert.False(chain.MissingCadence);
        Assert.Equal(
            [new ChainDeadline(1, D(2025, 4, 10), D(2025, 5, 1)), new ChainDeadline(2, D(2025, 11, 1), D(2025, 10, 20)), new ChainDeadline(3, D(2026, 1, 20), null)],
            chain.Deadlines);
        Assert.Equal([false, true, false], chain.Deadlines.Select(d => d.Met));
        Assert.Equal(DeadlineState.Late, chain.Deadlines[0].State(D(2025, 12, 31)));
        Assert.Equal(DeadlineState.Pending, chain.Deadlines[2].State(D(2025, 12, 31)));
        Assert.Equal(DeadlineState.DueSoon, chain.Deadlines[2].State(D(2026, 1, 10)));
        Assert.Equal(DeadlineState.Overdue, chain.Deadlines[2].State(D(2026, 1, 21)));
    }

    [Fact]
    public void A_follow_up_with_no_cadence_ends_the_chain_and_flags_data_quality()
    {
        var chain = Deadlines.FollowUps(D(2025, 1, 10), null, [new(D(2025, 4, 1), null), new(D(2025, 8, 1), 6)], asOf: D(2025, 12, 31));

        Assert.True(chain.MissingCadence);
        Assert.Equal([new ChainDeadline(1, D(2025, 4, 10), D(2025, 4, 1))], chain.Deadlines);
    }

    [Fact]
    public void An_activity_that_ends_before_its_deadline_has_no_deadline()
    {
        var chain = Deadlines.FollowUps(D(2025, 1, 10), end: D(2025, 3, 31), [], asOf: D(2025, 12, 31));

        Assert.Empty(chain.Deadlines);
    }

    [Fact]
    public void Events_after_the_as_of_date_are_not_yet_known()
    {
        var chain = Deadlines.FollowUps(D(2025, 1, 10), null, [new(D(2025, 4, 1), 6)], asOf: D(2025, 3, 31));

        Assert.Equal([new ChainDeadline(1, D(2025, 4, 10), null)], chain.Deadlines);
        Assert.Equal(DeadlineState.DueSoon, chain.Deadlines[0].State(D(2025, 3, 31)));
    }

    [Fact]
    public void Events_on_or_before_the_start_do_not_answer_a_deadline()
    {
        var chain = Deadlines.FollowUps(D(2025, 1, 10), null, [new(D(2025, 1, 10), 3), new(D(2024, 12, 1), 3)], asOf: D(2025, 12, 31));

        Assert.Equal([new ChainDeadline(1, D(2025, 4, 10), null)], chain.Deadlines);
        Assert.Equal(DeadlineState.Overdue, chain.Deadlines[0].State(D(2025, 12, 31)));
    }

    [Fact]
    public void Supervisory_visits_are_due_six_months_after_the_start_and_after_each_visit()
    {
        var visits = Deadlines.SupervisoryVisits(D(2024, 8, 31), null, [D(2025, 2, 10), D(2025, 9, 1)], asOf: D(2025, 12, 31));

        Assert.Equal(
            [new ChainDeadline(1, D(2025, 2, 28), D(2025, 2, 10)), new ChainDeadline(2, D(2025, 8, 10), D(2025, 9, 1)), new ChainDeadline(3, D(2026, 3, 1), null)],
            visits);
    }
}

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2025-W09", "2025-02-24", "2025-03-02")]
    [InlineData("2026-W01", "2025-12-29", "2026-01-04")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2025-Q4", "2025-10-01", "2025-12-31")]
    [InlineData("2025", "2025-01-01", "2025-12-31")]
    public void Period_keys_parse_to_their_days(string key, string start, string end)
    {
        var period = Periods.Parse(key);
        Assert.Equal((key, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)),
            (period.Key, period.Start, period.End));
        Assert.Equal(period, Periods.Of(period.Kind, period.End));
    }

    [Fact]
    public void An_as_of_date_cuts_a_period_at_that_day()
    {
        var quarter = Periods.Parse("2025-Q4");
        Assert.Equal(new DateOnly(2025, 11, 15), quarter.LastDay(new DateOnly(2025, 11, 15)));
        Assert.Equal(new DateOnly(2025, 12, 31), quarter.LastDay(new DateOnly(2026, 2, 1)));
    }

    [Fact]
    public void Periods_between_two_days_cover_both()
    {
        Assert.Equal(["2025-12", "2026-01", "2026-02"], Periods.Between(PeriodKind.Month, new DateOnly(2025, 12, 31), new DateOnly(2026, 2, 1)).Select(p => p.Key));
        Assert.Throws<FormatException>(() => Periods.Parse("2025-W54"));
    }
}

public sealed class TargetTests
{
    [Theory]
    [InlineData("B1", 80, 80.0, TargetStatus.Green)]
    [InlineData("B1", 75, 80.0, TargetStatus.Yellow)]
    [InlineData("B1", 74.9, 80.0, TargetStatus.Red)]
    [InlineData("H1", 12, 12.0, TargetStatus.Green)]
    [InlineData("H1", 12.6, 12.0, TargetStatus.Yellow)]
    [InlineData("H1", 12.7, 12.0, TargetStatus.Red)]
    [InlineData("O1", 104, 100.0, TargetStatus.Yellow)]
    [InlineData("O1", 93, 100.0, TargetStatus.Green)]
    [InlineData("S1", 31, null, TargetStatus.Yellow)]
    [InlineData("S1", 19.5, null, TargetStatus.Yellow)]
    [InlineData("S1", 35, null, TargetStatus.Red)]
    [InlineData("S1", 25, null, TargetStatus.Green)]
    [InlineData("U1", 500, 400.0, TargetStatus.None)]
    public void Status_follows_the_figures_good_side(string code, double value, double? target, TargetStatus expected) =>
        Assert.Equal(expected, Targets.Status(KpiCatalogue.Get(code), (decimal)value, (decimal?)target));

    [Fact]
    public void A_unit_without_a_target_inherits_its_nearest_ancestors()
    {
        var parents = new Dictionary<string, string?> { ["T1"] = "A1", ["A1"] = "F1", ["F1"] = "K", ["K"] = null };
        var own = new Dictionary<string, decimal> { ["K"] = 80, ["F1"] = 85 };

        Assert.Equal(85m, Targets.Inherited("T1", u => parents[u], u => own.TryGetValue(u, out var t) ? t : null));
        Assert.Equal(80m, Targets.Inherited("K", u => parents[u], u => own.TryGetValue(u, out var t) ? t : null));
    }
}
