using LedelsesInfo.Application.KeyFigures;
using LedelsesInfo.Domain;

namespace LedelsesInfo.Infrastructure.Tests.KeyFigures;

/// <summary>The first page of the committee's paper: the sentence of what changed, the status in words, and the order.</summary>
public sealed class QuarterSummaryTests
{
    private static FigureCell Cell(Kpi kpi, decimal? value, decimal? target = null, bool hidden = false, string period = "2026-Q3") =>
        new(kpi.Code, "K", period, null, null, hidden ? null : value, hidden, "", target, Targets.Status(kpi, hidden ? null : value, target));

    [Fact]
    public void A_share_that_should_be_high_and_rose_is_better_with_its_difference_in_points()
    {
        Assert.Equal("Bedre: steget fra 62,0 % til 71,0 % (+9,0 point).",
            QuarterSummary.Change(Cell(KpiCatalogue.F1, 71m), Cell(KpiCatalogue.F1, 62m, period: "2026-Q2"), "2. kvartal 2026"));
    }

    [Fact]
    public void Sick_leave_that_rose_is_worse_and_one_that_fell_is_better()
    {
        Assert.Equal("Dårligere: steget fra 12,1 til 14,2 (+2,1).",
            QuarterSummary.Change(Cell(KpiCatalogue.H1, 14.2m), Cell(KpiCatalogue.H1, 12.1m), "2. kvartal 2026"));
        Assert.Equal("Bedre: faldet fra 14,2 til 12,1 (−2,1).",
            QuarterSummary.Change(Cell(KpiCatalogue.H1, 12.1m), Cell(KpiCatalogue.H1, 14.2m), "2. kvartal 2026"));
    }

    [Fact]
    public void No_change_at_the_shown_precision_is_unchanged_and_a_count_is_neither_better_nor_worse()
    {
        Assert.Equal("Uændret: 24,0 som i 2. kvartal 2026.",
            QuarterSummary.Change(Cell(KpiCatalogue.S1, 24.04m), Cell(KpiCatalogue.S1, 23.96m), "2. kvartal 2026"));
        Assert.Equal("Steget fra 285 til 293 (+8).",
            QuarterSummary.Change(Cell(KpiCatalogue.U1, 293m), Cell(KpiCatalogue.U1, 285m), "2. kvartal 2026"));
    }

    [Fact]
    public void A_caseload_moving_into_the_band_is_better_and_inside_it_any_move_is_unchanged()
    {
        Assert.Equal(Movement.Better, Movements.Of(KpiCatalogue.S1, 33m, 31m));
        Assert.Equal(Movement.Worse, Movements.Of(KpiCatalogue.S1, 19m, 17m));
        Assert.Equal(Movement.Unchanged, Movements.Of(KpiCatalogue.S1, 22m, 28m));
    }

    [Fact]
    public void Hidden_or_missing_values_say_so_instead_of_comparing()
    {
        Assert.Equal("Tallet bygger på under 5 og er skjult.",
            QuarterSummary.Change(Cell(KpiCatalogue.P1, null, hidden: true), Cell(KpiCatalogue.P1, 80m), "2. kvartal 2026"));
        Assert.Equal("Tallet for 2. kvartal 2026 er skjult (under 5), så der er intet at sammenligne med.",
            QuarterSummary.Change(Cell(KpiCatalogue.P1, 70m), Cell(KpiCatalogue.P1, null, hidden: true), "2. kvartal 2026"));
        Assert.Equal("Intet tal for kvartalet før at sammenligne med.",
            QuarterSummary.Change(Cell(KpiCatalogue.P1, 70m), Cell(KpiCatalogue.P1, null), null));
    }

    [Fact]
    public void The_status_says_how_far_from_the_target_and_on_which_side()
    {
        Assert.Equal("Rød: 12,4 point under målet", QuarterSummary.Status(Cell(KpiCatalogue.F1, 77.6m, 90m)).Text);
        Assert.Equal("Gul: 0,6 over målet", QuarterSummary.Status(Cell(KpiCatalogue.H1, 12.6m, 12m)).Text);
        Assert.Equal("Grøn: målet er nået", QuarterSummary.Status(Cell(KpiCatalogue.F1, 91m, 90m)).Text);
        Assert.Equal("Rød: 5,0 over anbefalingen på 20-30", QuarterSummary.Status(Cell(KpiCatalogue.S1, 35m)).Text);
        Assert.Equal(TargetStatus.Red, QuarterSummary.Status(Cell(KpiCatalogue.F1, 77.6m, 90m)).Status);
    }

    [Fact]
    public void The_figures_whose_status_changed_since_the_quarter_before_come_first_in_catalogue_order()
    {
        var lines = QuarterSummary.Lines(
        [
            (Cell(KpiCatalogue.U2, 96m, 95m), Cell(KpiCatalogue.U2, 97m, 95m), Cell(KpiCatalogue.U2, 90m, 95m)),   // green, was green
            (Cell(KpiCatalogue.B1, 60m, 80m), Cell(KpiCatalogue.B1, 82m, 80m), Cell(KpiCatalogue.B1, 70m, 80m)),   // red, was green
            (Cell(KpiCatalogue.F1, 91m, 90m), Cell(KpiCatalogue.F1, 70m, 90m), Cell(KpiCatalogue.F1, 70m, 90m)),   // green, was red
            (Cell(KpiCatalogue.T1, 70m, 95m), Cell(KpiCatalogue.T1, 71m, 95m), Cell(KpiCatalogue.T1, 70m, 95m)),   // red, was red
        ], "2. kvartal 2026");

        Assert.Equal([KpiCatalogue.B1.Code, KpiCatalogue.F1.Code, KpiCatalogue.U2.Code, KpiCatalogue.T1.Code], lines.Select(l => l.Kpi.Code));
        Assert.Equal([true, true, false, false], lines.Select(l => l.StatusChanged));
        Assert.Equal([Movement.Worse, Movement.Better, Movement.Worse, Movement.Worse], lines.Select(l => l.Movement));
    }
}
