using System.Text.Encodings.Web;
using System.Text.Json;
using LedelsesInfo.Application.Features.Dashboards;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>A chart with its text summary and its table: the data go to the page as JSON for the static chart script.</summary>
public sealed record ChartView(string Id, string Title, ChartData Data, string Summary)
{
    /// <summary>Escapes &lt; and &gt; so the JSON can never close its script element.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Default };
}
