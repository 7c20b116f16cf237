using System.Text.Json;
using LedelsesInfo.Application.KeyFigures;
using LedelsesInfo.Web.Infrastructure;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// The chart's JSON is written by the source generator's code (a page of 18 charts serialized them by reflection). It
/// must be the same text, escaped the same way, as the reflection serializer with the page's options gave.
/// </summary>
public sealed class ChartJsonTests
{
    [Fact]
    public void The_generated_serializer_writes_the_same_text_as_reflection_with_the_pages_options()
    {
        var data = new ChartData("line", "pct.", ["januar 2026", "</script><b>", "marts 2026"],
        [
            new ChartSeries("Andel \"rettidige\" & øvrige", [81.25m, null, 100.0m], Hidden: [false, true, false]),
            new ChartSeries("Mål", [90m, 90m, 90m], Target: true),
        ])
        {
            Periods = ["2026-01", "2026-02", "2026-03"],
            Markers = [new ChartMarker(1, "Ny leder <i> teamet")],
        };

        var generated = ChartView.Serialize(data);

        Assert.Equal(JsonSerializer.Serialize(data, ChartView.Json), generated);
        Assert.DoesNotContain("<", generated, StringComparison.Ordinal);
        Assert.Contains("\"hidden\":[false,true,false]", generated, StringComparison.Ordinal);
        Assert.Contains("\"markers\":[{\"index\":1,", generated, StringComparison.Ordinal);
    }
}
