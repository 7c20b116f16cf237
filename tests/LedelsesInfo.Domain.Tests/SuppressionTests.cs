using LedelsesInfo.Domain;

namespace LedelsesInfo.Domain.Tests;

public sealed class SuppressionTests
{
    private static SuppressionCell C(string key, decimal numerator, decimal? denominator = null) => new(key, numerator, denominator);

    [Fact]
    public void Counts_of_one_to_four_are_hidden_and_zero_and_five_are_not()
    {
        var hidden = Suppression.Hidden([C("a", 0), C("b", 1), C("c", 4), C("d", 5), C("e", 40)]);

        Assert.Equal(["b", "c"], hidden.Order());
    }

    [Fact]
    public void A_small_denominator_hides_the_share_even_when_the_numerator_is_zero()
    {
        var hidden = Suppression.Hidden([C("a", 0, 3), C("b", 10, 20), C("c", 30, 40)]);

        // a is hidden for its denominator; b is the smallest other sibling and is hidden with it.
        Assert.Equal(["a", "b"], hidden.Order());
    }

    [Fact]
    public void One_hidden_sibling_would_be_revealed_by_the_parent_total_so_a_second_is_hidden()
    {
        var cells = new[] { C("team1", 3, 10), C("team2", 12, 30), C("team3", 25, 40) };
        var parentNumerator = cells.Sum(c => c.Numerator);

        var hidden = Suppression.Hidden(cells);

        // Try to recover: with only team1 hidden, parent − visible would give 3. With two hidden it gives only their sum.
        var visible = cells.Where(c => !hidden.Contains(c.Key)).Sum(c => c.Numerator);
        Assert.Equal(2, hidden.Count);
        Assert.Contains("team1", hidden);
        Assert.Contains("team2", hidden);
        Assert.Equal(15m, parentNumerator - visible); // the sum of two cells, not team1's 3
    }

    [Fact]
    public void No_suppression_pattern_ever_leaves_exactly_one_cell_hidden()
    {
        var random = new Random(20261122);
        for (var trial = 0; trial < 5000; trial++)
        {
            var siblings = Enumerable.Range(0, random.Next(2, 8))
                .Select(i => random.NextDouble() < 0.5
                    ? C($"u{i}", random.Next(0, 12))
                    : C($"u{i}", random.Next(0, 12), random.Next(0, 30)))
                .ToList();

            var hidden = Suppression.Hidden(siblings);

            Assert.NotEqual(1, hidden.Count);
            Assert.All(siblings.Where(Suppression.IsPrimary), c => Assert.Contains(c.Key, hidden));
            if (hidden.Count >= 2)
            {
                // Two or more unknowns against one total: no hidden cell has a single solution.
                Assert.True(hidden.Count(h => siblings.Single(c => c.Key == h).Numerator >= 0) >= 2);
            }
        }
    }

    [Fact]
    public void A_single_cell_with_no_siblings_is_hidden_on_its_own()
    {
        Assert.Equal(["k"], Suppression.Hidden([C("k", 2)]));
    }
}

public sealed class SuppressionByFigureTests
{
    [Fact]
    public void Only_parts_that_count_people_are_suppressed()
    {
        // Three sick days over 3,2 FTE-years: neither part counts individuals, so the figure is shown.
        Assert.False(Suppression.IsPrimary(KpiCatalogue.Get("H1").Cell("K", 3m, 3.2m)));
        // Three children placed, whatever the population: the children are a small count.
        Assert.True(Suppression.IsPrimary(KpiCatalogue.Get("A1").Cell("K", 3m, 10m)));
        // Two BFUs due, one met: both parts count cases.
        Assert.True(Suppression.IsPrimary(KpiCatalogue.Get("B1").Cell("T1", 1m, 2m)));
        Assert.False(Suppression.IsPrimary(KpiCatalogue.Get("B1").Cell("T1", 0m, 12m)));
        // Money is never a count of people.
        Assert.False(Suppression.IsPrimary(KpiCatalogue.Get("O1").Cell("T1", 3m, 4m)));
    }
}
