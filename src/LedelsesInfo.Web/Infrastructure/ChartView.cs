using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LedelsesInfo.Application.Features.Dashboards;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>A chart with its text summary and its table: the data go to the page as JSON for the static chart script.</summary>
public sealed record ChartView(string Id, string Title, ChartData Data, string Summary)
{
    /// <summary>Escapes &lt; and &gt; so the JSON can never close its script element.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Default };

    private static readonly ChartJson Generated = new(new JsonSerializerOptions(Json));

    /// <summary>
    /// The chart's data as JSON, written by generated code (<see cref="ChartJson"/>) rather than by reflection: the same
    /// text as <c>JsonSerializer.Serialize(data, Json)</c>, for up to 18 charts on a management page.
    /// </summary>
    public static string Serialize(ChartData data) => JsonSerializer.Serialize(data, Generated.ChartData);
}

/// <summary>The serializer the source generator writes for <see cref="ChartData"/>, with the web defaults (camelCase names).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChartData))]
internal sealed partial class ChartJson : JsonSerializerContext;
