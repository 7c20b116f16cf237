using LedelsesInfo.Bench;

namespace LedelsesInfo.Web.Tests;

/// <summary>Keeps the benchmark working: the quick run (the demo profile, seconds). Nothing here is timed against a target.</summary>
public sealed class BenchmarkTests
{
    [Fact]
    public async Task The_quick_benchmark_imports_recomputes_and_serves_every_dashboard_without_errors()
    {
        using var log = new StringWriter();

        var (steps, loads, comparisons, windows) = await RunBenchmark.RunAsync(quick: true, log);

        Assert.Equal(["generate", "import", "full recompute", "import of one more month", "incremental recompute"], steps.Select(s => s.Step));
        Assert.All(steps.Skip(1), s => Assert.NotNull(s.PeakMb));
        Assert.All(steps.Where(s => s.Step.EndsWith("recompute", StringComparison.Ordinal)), s => Assert.NotNull(s.WorkSeconds));
        var load = Assert.Single(loads);
        Assert.Equal(0, load.Errors);
        Assert.Equal(4, load.Pages.Count);
        Assert.All(load.Pages, p => Assert.True(p.Requests > 0, $"{p.Page} fik ingen forespørgsler"));
        Assert.All(load.Paced, p => Assert.True(p.Requests > 0, $"{p.Page} fik ingen forespørgsler i den afstemte fase"));
        // The realistic mix reached every audience, with answers nobody had asked for, and the computed pages were timed.
        Assert.Equal(4, load.Mix.Count);
        Assert.All(load.Mix, p => Assert.True(p.Requests > 0 && p.Errors == 0, $"{p.Page}: {p.Requests} forespørgsler, {p.Errors} fejl i den realistiske blanding"));
        Assert.True(load.MixNew > 0, "the mix asked for answers not asked for before");
        Assert.All(load.Computed, p => Assert.True(p.Requests > 0 && p.Errors == 0, $"{p.Page}: ingen beregnede sider"));
        Assert.Contains("| demo | all | |", RunBenchmark.Markdown(steps, loads, comparisons), StringComparison.Ordinal);
        // DuckDB computed the committee's figures from the raw files, and they equal the portal's.
        var comparison = Assert.Single(comparisons);
        Assert.Equal(3, comparison.DuckDbSeconds.Count);
        Assert.True(comparison.Figures >= 12, "six figures for the municipality and at least one department");
        Assert.Empty(comparison.Differences);
        Assert.Equal(comparison.Figures, comparison.Equal);
        Assert.Contains("| demo | all pages |", RunBenchmark.Markdown(steps, loads, comparisons), StringComparison.Ordinal);
        // The web app imported the month from its drop folder while the mix ran, and the window was timed.
        var window = Assert.Single(windows);
        Assert.Contains("done", window, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", window, StringComparison.Ordinal);
        Assert.Matches(@"\| during the window \| all \| [1-9][\d,]* \| 0 \|", window);
    }
}
