using System.Globalization;
using System.Text;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.KeyFigures;

/// <summary>
/// The key-figure export of docs/formats.md: UTF-8, ';', invariant decimal point, one row per figure, unit and
/// period, nothing suppressed (it is for trusted systems). Streams from the snapshot, so memory stays flat.
/// </summary>
public sealed class KpiExport(LedelsesInfoDbContext db)
{
    public const string Header = "kpi_code;unit_id;period;numerator;denominator;value";

    public async Task<int> WriteAsync(string path, DateOnly asOf, CancellationToken ct = default)
    {
        var rows = 0;
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.NewLine = "\n";
        await writer.WriteLineAsync(Header);
        var values = db.KpiValues.AsNoTracking()
            .Where(v => v.AsOf == asOf)
            .OrderBy(v => v.KpiCode).ThenBy(v => v.UnitId).ThenBy(v => v.PeriodKind).ThenBy(v => v.Period)
            .AsAsyncEnumerable();
        await foreach (var v in values.WithCancellation(ct))
        {
            var value = KpiCatalogue.Get(v.KpiCode).Value(v.Numerator, v.Denominator);
            await writer.WriteLineAsync(string.Join(';',
                Export.TableExport.Inert(v.KpiCode), Export.TableExport.Inert(v.UnitId), v.Period, Number(v.Numerator), v.Denominator is { } den ? Number(den) : "", value is { } x ? Number(decimal.Round(x, 6)) : ""));
            rows++;
        }
        return rows;
    }

    public static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
