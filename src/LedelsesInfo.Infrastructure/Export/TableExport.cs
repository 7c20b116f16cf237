using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LedelsesInfo.Application.Features.Dashboards;

namespace LedelsesInfo.Infrastructure.Export;

/// <summary>Writes a dashboard table as CSV (as Danish Excel opens it) or as XLSX (numbers as numbers, Danish headers).</summary>
public static class TableExport
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>Semicolons, decimal comma, UTF-8 with BOM: what Excel in Danish expects from a .csv file.</summary>
    public static byte[] Csv(TableData table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        text.AppendJoin(';', table.Columns.Select(c => Quote(Inert(c.Header)))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            text.AppendJoin(';', row.Select(cell => Quote(cell switch
            {
                null => "",
                decimal d => d.ToString(Danish),
                int i => i.ToString(Danish),
                DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => Inert(Convert.ToString(cell, Danish) ?? ""),
            }))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(TableData table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(new Row(table.Columns.Select(c => Text(c.Header, style: 1))));
            foreach (var row in table.Rows)
            {
                data.Append(new Row(row.Select((cell, i) => cell switch
                {
                    null => new Cell(),
                    decimal d => Number(d, table.Columns[i].Kind),
                    int n => Count(n),
                    DateOnly day => new Cell { CellValue = new CellValue(day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)), StyleIndex = 4 },
                    _ => Text(Convert.ToString(cell, Danish) ?? ""),
                })));
            }
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(table.Title) });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Cell Text(string text, uint style = 0) =>
        new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)), StyleIndex = style };

    /// <summary>A count is a whole number and reads as one ("275", never "275,0").</summary>
    private static Cell Count(int value) =>
        new() { CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)), StyleIndex = 5U };

    private static Cell Number(decimal value, ColumnKind kind) =>
        new() { CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)), StyleIndex = kind == ColumnKind.Money ? 3U : 2U };

    /// <summary>Styles: 0 plain, 1 bold header, 2 number with one decimal, 3 kroner without decimals, 4 date, 5 a count.</summary>
    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.0" }, new NumberingFormat { NumberFormatId = 165, FormatCode = "#,##0" }) { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true }) { Count = 6 });

    private static string SheetName(string title)
    {
        var name = new string(title.Where(c => c is not ('\\' or '/' or '?' or '*' or '[' or ']' or ':')).ToArray()).Trim();
        return name.Length == 0 ? "Ark1" : name.Length > 31 ? name[..31] : name;
    }

    /// <summary>
    /// Text that a spreadsheet would take for a formula (it begins with =, +, -, @, a tab or a carriage return: an imported
    /// id, a name, an action plan a leader typed) gets a leading apostrophe, so Excel shows it as text and never runs it
    /// (OWASP's CSV injection advice). Numbers are written as numbers and are never touched.
    /// </summary>
    public static string Inert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
