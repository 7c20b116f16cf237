using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LedelsesInfo.Infrastructure.Telemetry;

/// <summary>
/// The portal's own traces and metrics, beside ASP.NET Core's and EF Core's: one activity per imported file and per
/// recompute, and counters of rows and seconds. Exported over OTLP by the web app and the CLI where
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (docs/operations.md, "Logs and telemetry"); without a listener they cost next to nothing.
/// </summary>
public static class PortalTelemetry
{
    public const string Name = "LedelsesInfo";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Rows applied by imports, tagged with the file's kind.</summary>
    public static readonly Counter<long> RowsImported = Meter.CreateCounter<long>("ledelsesinfo.import.rows", "{row}", "Rækker indlæst");

    /// <summary>Rows rejected by imports, tagged with the file's kind.</summary>
    public static readonly Counter<long> RowsRejected = Meter.CreateCounter<long>("ledelsesinfo.import.rejected", "{row}", "Rækker afvist");

    /// <summary>How long recomputes take.</summary>
    public static readonly Histogram<double> RecomputeSeconds = Meter.CreateHistogram<double>("ledelsesinfo.recompute.duration", "s", "Genberegningens varighed");
}
