using System.Text;
using LedelsesInfo.Application.KeyFigures;
using LedelsesInfo.Infrastructure.Export;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Tests.Support;

namespace LedelsesInfo.Infrastructure.Tests.Export;

/// <summary>No CSV the portal writes lets a spreadsheet formula through: text that begins like one is made inert; numbers stay numbers.</summary>
public sealed class CsvInjectionTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\";\"klik\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\r=1")]
    public void A_text_cell_that_begins_like_a_formula_is_written_as_text(string text)
    {
        var table = new TableData("handlingsplaner", "Handlingsplaner", [new("Hvad"), new("Beløb", ColumnKind.Money)], [[text, -10m]]);

        var csv = Encoding.UTF8.GetString(TableExport.Csv(table));

        var line = csv.Split("\r\n")[1];
        var cell = line[..line.LastIndexOf(';')];
        Assert.StartsWith("'", cell.TrimStart('"'), StringComparison.Ordinal);
        Assert.EndsWith(";-10", line, StringComparison.Ordinal); // a negative number is a number, not a formula
    }

    [Fact]
    public void Ordinary_text_and_headers_are_left_as_they_are()
    {
        var table = new TableData("t", "T", [new("Team"), new("=Kolonne")], [["Team Nord 1.1", "Gennemgå sagerne"]]);

        var csv = Encoding.UTF8.GetString(TableExport.Csv(table));

        Assert.Equal("\uFEFFTeam;'=Kolonne\r\nTeam Nord 1.1;Gennemgå sagerne\r\n", csv);
    }

    [Fact]
    public async Task The_key_figure_export_makes_an_imported_unit_id_that_begins_like_a_formula_inert()
    {
        Files.Csv(_db.Folder, "organisation.csv", """
            unit_id;parent_id;name;level
            K;;Kommunen;kommune
            =F1;K;Forvaltningen;forvaltning
            """);
        Files.Csv(_db.Folder, "notifications.csv", """
            notification_id;unit_id;child_id;case_id;received_at;assessed_at;professional;receipt_sent_on
            U1;=F1;B1;;2026-10-01 09:00;2026-10-01 10:00;nej;
            """);
        Assert.All((await _db.ImportAsync(_db.Folder)).Files, f => Assert.Equal(0, f.RowsRejected));
        await using var db = _db.NewContext();
        var asOf = (await new KpiEngine(db).RecomputeAsync())!.AsOf;
        var path = Path.Combine(_db.Folder, "noegletal.csv");

        await new KpiExport(db).WriteAsync(path, asOf);

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Contains(lines, l => l.StartsWith("U1;'=F1;", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Split(';').Any(c => c.StartsWith('=')));
    }
}
