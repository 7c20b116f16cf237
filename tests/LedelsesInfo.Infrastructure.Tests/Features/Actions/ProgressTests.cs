using LedelsesInfo.Application.Features.Actions;
using LedelsesInfo.Application.Features.Notes;
using LedelsesInfo.Domain;

namespace LedelsesInfo.Infrastructure.Tests.Features.Actions;

/// <summary>
/// The words of an action's follow-up and of an expectation's result, worked by hand: which way the figure went, whether
/// the aim is reached, and what is said when a value is missing; and the groups an action falls in on a day.
/// </summary>
public sealed class ProgressTests
{
    private static FigureAction Action(Heading direction, decimal? target, DateOnly? due = null, DateTime? done = null) => new()
    {
        What = "x", OwnerEmployeeId = "M1", DueOn = due ?? new DateOnly(2026, 12, 10), KpiCode = KpiCatalogue.F1.Code, UnitId = "T1", PeriodKind = PeriodKind.Month,
        StartPeriod = "2026-03", Direction = direction, TargetValue = target, TargetBy = new DateOnly(2027, 6, 15), CreatedBy = "leder", DoneAt = done,
    };

    [Fact]
    public void A_rise_towards_the_target_is_on_its_way_and_reaching_it_says_so()
    {
        var rising = Progress.Of(KpiCatalogue.F1, Action(Heading.Up, 80m), 62m, "2026-10", 71m);
        Assert.Equal("F1 er steget fra 62,0 % til 71,0 % (marts 2026 til oktober 2026); målet var 80,0 % i juni 2027. Det går den vej, handlingen sigter mod.", rising.Text);
        Assert.False(rising.TargetReached);

        var reached = Progress.Of(KpiCatalogue.F1, Action(Heading.Up, 80m), 62m, "2026-10", 80m);
        Assert.True(reached.TargetReached);
        Assert.EndsWith("Målet er nået.", reached.Text, StringComparison.Ordinal);

        var wrongWay = Progress.Of(KpiCatalogue.F1, Action(Heading.Up, null), 62m, "2026-10", 58.04m);
        Assert.Equal("F1 er faldet fra 62,0 % til 58,0 % (marts 2026 til oktober 2026); målet var, at tallet skulle stige inden juni 2027. Det går den modsatte vej af det, handlingen sigter mod.", wrongWay.Text);

        var still = Progress.Of(KpiCatalogue.F1, Action(Heading.Down, 50m), 62.04m, "2026-10", 61.96m);
        Assert.StartsWith("F1 er uændret 62,0 % (marts 2026 til oktober 2026)", still.Text, StringComparison.Ordinal);
        Assert.EndsWith("Tallet har ikke flyttet sig endnu.", still.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_start_or_newer_value_is_said_in_words()
    {
        Assert.Equal("F1 var 62,0 % i marts 2026; der er ingen nyere tal endnu. Målet var 80,0 % i juni 2027.",
            Progress.Of(KpiCatalogue.F1, Action(Heading.Up, 80m), 62m, null, null).Text);
        Assert.Equal("F1 har intet tal for marts 2026, hvor handlingen begyndte, så udviklingen kan ikke følges; målet var 80,0 % i juni 2027.",
            Progress.Of(KpiCatalogue.F1, Action(Heading.Up, 80m), null, "2026-10", 70m).Text);
    }

    [Fact]
    public void An_action_is_overdue_after_its_day_due_soon_within_a_week_and_done_once_marked()
    {
        var day = new DateOnly(2026, 12, 2);
        Assert.Equal(ActionGroup.Overdue, FigureActionRules.GroupOf(Action(Heading.Up, null, new DateOnly(2026, 12, 1)), day));
        Assert.Equal(ActionGroup.DueSoon, FigureActionRules.GroupOf(Action(Heading.Up, null, day), day));
        Assert.Equal(ActionGroup.DueSoon, FigureActionRules.GroupOf(Action(Heading.Up, null, day.AddDays(7)), day));
        Assert.Equal(ActionGroup.Open, FigureActionRules.GroupOf(Action(Heading.Up, null, day.AddDays(8)), day));
        Assert.Equal(ActionGroup.Done, FigureActionRules.GroupOf(Action(Heading.Up, null, new DateOnly(2026, 11, 1), new DateTime(2026, 11, 2)), day));
        // A note on a week is followed by its month: a team's week has too few cases.
        Assert.Equal("2026-12", FigureActionRules.StartOf(Periods.Parse("2026-W49")).Key);
        Assert.Equal("2026-Q3", FigureActionRules.StartOf(Periods.Parse("2026-Q3")).Key);
    }

    [Fact]
    public void An_expectation_reads_beside_its_result_by_value_and_by_direction()
    {
        var expectation = new FigureExpectation
        {
            KpiCode = KpiCatalogue.F1.Code, UnitId = "T1", PeriodKind = PeriodKind.Month, Period = "2026-10", Value = 75m, Direction = Heading.Up, Reason = "r", WrittenBy = "l",
        };
        Assert.Equal("75,0 % (at tallet vil stige i forhold til september 2026)", Expectations.Expected(KpiCatalogue.F1, expectation));
        Assert.Equal("71,0 %, 4,0 point under det forventede; steget fra 68,0 % i september 2026, som forventet", Expectations.Result(KpiCatalogue.F1, expectation, 68m, 71m));
        Assert.Equal("75,0 %, som forventet; faldet fra 80,0 % i september 2026, ikke som forventet", Expectations.Result(KpiCatalogue.F1, expectation, 80m, 75m));
        Assert.Null(Expectations.Result(KpiCatalogue.F1, expectation, 68m, null));
    }

    [Theory]
    [InlineData("80", 80)]
    [InlineData("72,5", 72.5)]
    [InlineData("72.5", 72.5)]
    [InlineData("1.250", 1250)]
    [InlineData("1.250,5", 1250.5)]
    [InlineData(" 90 ", 90)]
    public void A_number_is_read_as_a_danish_user_types_it(string text, double expected)
    {
        Assert.True(Application.Texts.DanishNumber.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("halvfems")]
    [InlineData("80 %")]
    [InlineData("1e5")]
    public void What_is_not_a_number_is_refused(string text) => Assert.False(Application.Texts.DanishNumber.TryParse(text, out _));
}
