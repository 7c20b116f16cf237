using System.Globalization;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>The export of the demo municipality against an independent recomputation in plain SQL (IndependentKpis.sql).</summary>
public sealed class KpiExportTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 10, 31);
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task The_demo_export_agrees_row_by_row_with_an_independent_sql_recomputation()
    {
        var folder = Path.Combine(_db.Folder, "demo");
        new DemoGenerator(DemoProfile.Demo, 11, AsOf).WriteTo(folder);
        await _db.ImportAsync(folder);
        RecomputeResult result;
        var exportPath = Path.Combine(_db.Folder, "kpi.csv");
        await using (var db = _db.NewContext())
        {
            result = (await new KpiEngine(db).RecomputeAsync(AsOf))!;
            await new KpiExport(db).WriteAsync(exportPath, AsOf);
        }

        var exported = ReadExport(exportPath);
        var independent = await RecomputeIndependentlyAsync(result.HistoryStart);

        Assert.True(exported.Count > 10_000, $"only {exported.Count} rows exported");
        Assert.Equal(independent.Keys.Order().ToList(), exported.Keys.Order().ToList());
        var disagreements = new List<string>();
        foreach (var (key, (num, den)) in independent)
        {
            var row = exported[key];
            var value = KpiCatalogue.Get(key.Kpi).Value(num, den);
            if (!Close(row.Numerator, num) || !Close(row.Denominator, den) || !Close(row.Value, value is { } v ? decimal.Round(v, 6) : null))
            {
                disagreements.Add($"{key}: export {row.Numerator};{row.Denominator};{row.Value} independent {num};{den};{value}");
            }
        }
        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements.Take(20)));
        // Every figure is in the export, and weeks exist only for figures not built on monthly data.
        Assert.Equal(KpiCatalogue.All.Select(k => k.Code).Order(), exported.Keys.Select(k => k.Kpi).Distinct().Order());
        Assert.DoesNotContain(exported.Keys, k => k.Kpi is "O1" or "H1" or "H2" or "X1" && k.Period.Contains('W', StringComparison.Ordinal));
        // The rolling windows, for the law's deadline figures only, are the sums of their months' parts, never an average of
        // the months' shares; the window ending with the as-of month is there, none after it.
        var rolling = KpiCatalogue.All.Where(k => k.RollingWindows).Select(k => k.Code).ToHashSet();
        Assert.Equal(rolling.Order(), exported.Keys.Where(k => k.Period.Contains("-R", StringComparison.Ordinal)).Select(k => k.Kpi).Distinct().Order());
        foreach (var key in exported.Keys.Where(k => k.Period is "2026-10-R3" or "2026-10-R12"))
        {
            var window = Periods.Parse(key.Period);
            var months = Periods.MonthsOf(window).Select(m => exported.GetValueOrDefault((key.Kpi, key.Unit, m.Key))).ToList();
            Assert.Equal(months.Sum(m => m.Numerator ?? 0), exported[key].Numerator);
            Assert.Equal(months.Sum(m => m.Denominator ?? 0), exported[key].Denominator);
        }
        Assert.Contains(exported.Keys, k => k.Period == "2026-10-R12");
        Assert.DoesNotContain(exported.Keys, k => k.Period == "2026-11-R3");
    }

    [Fact]
    public async Task The_export_has_the_documented_header_and_number_format()
    {
        Files.Basics(_db.Folder);
        Files.Csv(_db.Folder, "notifications.csv", "notification_id;unit_id;child_id;case_id;received_at;assessed_at;professional;receipt_sent_on\nN1;T1;B1;;2025-03-03 10:00;2025-03-03 11:00;nej;\n");
        await _db.ImportAsync(_db.Folder);
        var path = Path.Combine(_db.Folder, "out.csv");
        await using var db = _db.NewContext();
        await new KpiEngine(db).RecomputeAsync(new DateOnly(2025, 3, 31));

        var rows = await new KpiExport(db).WriteAsync(path, new DateOnly(2025, 3, 31));

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal("kpi_code;unit_id;period;numerator;denominator;value", lines[0]);
        Assert.Equal(rows + 1, lines.Length);
        Assert.Contains("U1;K;2025-03;1;;1", lines);
        Assert.Contains("U2;T1;2025-W10;1;1;100", lines);
        Assert.Contains("U1;T1;2025-Q1;1;;1", lines);
    }

    private static bool Close(decimal? a, decimal? b) =>
        (a is null && b is null) || (a is { } x && b is { } y && Math.Abs(x - y) <= 0.000001m * Math.Max(1m, Math.Abs(y)));

    private static Dictionary<(string Kpi, string Unit, string Period), (decimal? Numerator, decimal? Denominator, decimal? Value)> ReadExport(string path) =>
        File.ReadLines(path).Skip(1).Select(line => line.Split(';')).ToDictionary(
            p => (p[0], p[1], p[2]),
            p => (Parse(p[3]), Parse(p[4]), Parse(p[5])));

    private static decimal? Parse(string text) => text.Length == 0 ? null : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private async Task<Dictionary<(string Kpi, string Unit, string Period), (decimal Numerator, decimal? Denominator)>> RecomputeIndependentlyAsync(DateOnly start)
    {
        var sql = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "IndependentKpis.sql")))
            .Replace("@START", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@ASOF", AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@NEXT", AsOf.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await using var connection = new SqliteConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        var rows = new Dictionary<(string, string, string), (decimal, decimal?)>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                if (reader.FieldCount == 5)
                {
                    rows[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] =
                        (Convert.ToDecimal(reader.GetValue(3), CultureInfo.InvariantCulture), reader.IsDBNull(4) ? null : Convert.ToDecimal(reader.GetValue(4), CultureInfo.InvariantCulture));
                }
            }
        }
        while (await reader.NextResultAsync());
        return rows;
    }
}
