using LedelsesInfo.Domain;

namespace LedelsesInfo.Domain.Tests;

/// <summary>The rolling 3- and 12-month windows: their keys, their months, and which figures have them.</summary>
public sealed class RollingWindowTests
{
    [Fact]
    public void A_window_is_named_by_its_last_month_and_covers_the_months_before_it()
    {
        var r3 = Periods.Parse("2025-03-R3");
        var r12 = Periods.Parse("2025-03-R12");

        Assert.Equal((PeriodKind.Rolling3, new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31)), (r3.Kind, r3.Start, r3.End));
        Assert.Equal((PeriodKind.Rolling12, new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 31)), (r12.Kind, r12.Start, r12.End));
        Assert.Equal(["2025-01", "2025-02", "2025-03"], Periods.MonthsOf(r3).Select(m => m.Key));
        Assert.Equal("2025-03-R12", Periods.Of(PeriodKind.Rolling12, new DateOnly(2025, 3, 17)).Key);
        Assert.Throws<FormatException>(() => Periods.Parse("2025-03-R6"));
    }

    [Fact]
    public void Windows_between_two_days_end_with_each_of_their_months_and_none_after()
    {
        var windows = Periods.Between(PeriodKind.Rolling3, new DateOnly(2025, 1, 15), new DateOnly(2025, 4, 10)).Select(p => p.Key);

        Assert.Equal(["2025-01-R3", "2025-02-R3", "2025-03-R3", "2025-04-R3"], windows);
    }

    [Fact]
    public void Only_the_laws_deadline_figures_have_rolling_windows()
    {
        Assert.Equal([KpiCatalogue.U2, KpiCatalogue.U3, KpiCatalogue.B1, KpiCatalogue.P1, KpiCatalogue.F1, KpiCatalogue.T1],
            KpiCatalogue.All.Where(k => k.ComputedFor(PeriodKind.Rolling12)));
        Assert.True(KpiCatalogue.A1.ComputedFor(PeriodKind.Month));
    }
}
