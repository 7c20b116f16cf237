using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LedelsesInfo.Infrastructure.Tests.Support;

/// <summary>Writes import files for tests: CSV in a chosen encoding, or a real XLSX workbook.</summary>
public static class Files
{
    public static string Csv(string folder, string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\r\n"), encoding ?? new UTF8Encoding(false));
        return path;
    }

    /// <summary>The small organisation every casework fixture hangs on: a municipality, a department, an area, two teams.</summary>
    public const string Organisation = """
        unit_id;parent_id;name;level
        K;;Testkommune;kommune
        F1;K;Børn og Familie;forvaltning
        A1;F1;Familieafdelingen;afdeling
        T1;A1;Team 1;team
        T2;A1;Team 2;team
        """;

    public const string Employees = """
        employee_id;name;unit_id;role;login
        M1;Anne Hansen;T1;sagsbehandler;anne@test.dk
        M2;Bo Jensen;T1;sagsbehandler;bo@test.dk
        M3;Carla Holm;T2;sagsbehandler;carla@test.dk
        M4;Dorte Lund;T1;teamleder;dorte@test.dk
        """;

    /// <summary>Writes organisation.csv and employees.csv into the folder and returns their paths.</summary>
    public static string[] Basics(string folder) =>
        [Csv(folder, "organisation.csv", Organisation), Csv(folder, "employees.csv", Employees)];

    /// <summary>A workbook whose first sheet holds the rows; a cell starting with '=' is written as a formula with a cached value.</summary>
    public static string Xlsx(string folder, string name, params string[][] rows)
    {
        var path = Path.Combine(folder, name);
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Length; c++)
            {
                var text = rows[r][c];
                var reference = $"{(char)('A' + c)}{r + 1}";
                Cell cell;
                if (text.StartsWith('='))
                {
                    cell = new Cell { CellReference = reference, CellFormula = new CellFormula(text[1..]), CellValue = new CellValue("0") };
                }
                else
                {
                    cell = new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
                }
                row.Append(cell);
            }
            data.Append(row);
        }
        sheetPart.Worksheet = new Worksheet(data);
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Ark1" });
        workbook.Workbook.Save();
        return path;
    }
}
