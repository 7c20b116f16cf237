using System.Diagnostics;
using System.Diagnostics.Metrics;
using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Telemetry;
using LedelsesInfo.Infrastructure.Tests.Support;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>The import and the recompute as a collector sees them (issue 19): an activity per file and per recompute, and the rows counted.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task An_import_traces_each_file_with_its_rows_and_a_recompute_traces_itself()
    {
        using var database = new TestDatabase();
        var folder = Path.Combine(database.Folder, "demo");
        new DemoGenerator(DemoProfile.Demo, 3, new DateOnly(2026, 10, 31)).WriteTo(folder);
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PortalTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) { activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        long rows = 0;
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PortalTelemetry.Name && instrument.Name == "ledelsesinfo.import.rows")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref rows, value));
        meters.Start();

        var result = await database.ImportAsync(folder);
        await using var db = database.NewContext();
        await new KpiEngine(db).RecomputeAsync();

        List<Activity> mine;
        lock (activities)
        {
            // Other tests may import beside this one; their activities are heard too, so this run's are looked for among them.
            mine = activities.ToList();
        }
        var payments = result.Files.Single(f => f.Kind == "payments");
        Assert.Contains(mine, a => a.OperationName == "import" && (string?)a.GetTagItem("ledelsesinfo.import.kind") == "payments"
            && (int?)a.GetTagItem("ledelsesinfo.import.rows_applied") == payments.RowsApplied);
        Assert.Contains(mine, a => a.OperationName == "recompute" && a.GetTagItem("ledelsesinfo.recompute.values") is int values && values > 0);
        Assert.True(Interlocked.Read(ref rows) >= result.RowsApplied);
    }
}
