using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LedelsesInfo.Infrastructure.Import;

/// <summary>A whole file cannot be read: the import of it is refused before any row is applied.</summary>
public sealed class FileRefusedException(string message) : Exception(message);

/// <summary>
/// One data row as text. <see cref="Formulas"/> names the columns whose spreadsheet cell held a formula; <see cref="Problem"/>
/// says why the row as a whole cannot be used (a quote left open, so it ran on over the next lines).
/// </summary>
internal sealed record TextRow(int RowNumber, string?[] Fields, IReadOnlySet<int>? Formulas = null, string? Problem = null);

/// <summary>A file of rows with a header: CSV or the first sheet of an XLSX workbook.</summary>
internal abstract class TabularFile : IDisposable
{
    public abstract string[] Header { get; }
    public abstract bool IsSpreadsheet { get; }
    public string? EncodingName { get; protected set; }

    /// <summary>What the file was read as, in Danish, for the preview: "CSV, UTF-8, semikolon" or "XLSX, første ark".</summary>
    public abstract string Format { get; }

    public abstract IEnumerable<TextRow> Rows();

    public abstract void Dispose();

    public static TabularFile Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileRefusedException("filen findes ikke");
        }
        if (new FileInfo(path).Length == 0)
        {
            throw new FileRefusedException("filen er tom");
        }
        return Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? new XlsxFile(path)
            : new CsvFile(path);
    }
}

internal sealed class CsvFile : TabularFile
{
    private readonly CsvReader _reader;
    private readonly char _separator;

    public override string Format =>
        $"CSV, {(EncodingName == "utf-8" ? "UTF-8" : EncodingName == "Windows-1252" || EncodingName == "windows-1252" ? "Windows-1252" : EncodingName)}, " +
        (_separator == ';' ? "semikolon" : _separator == ',' ? "komma" : $"'{_separator}'");

    static CsvFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public CsvFile(string path)
    {
        var encoding = DetectEncoding(path);
        EncodingName = encoding.WebName;
        _separator = DetectDelimiter(PeekHeaderLine(path, encoding));
        var options = new CsvReaderOptions
        {
            Separator = _separator,
            HasHeader = true,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = true,
            // Blank lines are skipped here rather than by the reader, so row numbers match what Excel shows.
            SkipEmptyLines = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
            Encoding = encoding,
        };
        var text = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: false, new FileStreamOptions { BufferSize = 1 << 16 });
        _reader = CsvReader.Create(text, options, false);
        Header = _reader.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        if (Header.Length == 0 || Header.All(string.IsNullOrWhiteSpace))
        {
            throw new FileRefusedException("filen har ingen overskriftsrække");
        }
    }

    public override string[] Header { get; }
    public override bool IsSpreadsheet => false;

    public override IEnumerable<TextRow> Rows()
    {
        var rowNumber = 1;
        while (_reader.Read())
        {
            rowNumber++;
            var fields = new string?[_reader.FieldCount];
            var blank = true;
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = _reader.GetString(i);
                blank &= string.IsNullOrWhiteSpace(fields[i]);
            }
            // No field of ours holds a line break: one inside a field means a quote was left open and the record ran on
            // over the next lines. The row is reported with the lines it swallowed, and the rows after keep their numbers.
            var extra = fields.Sum(f => f is null ? 0 : f.Count(c => c == '\n'));
            if (!blank)
            {
                yield return new TextRow(rowNumber, fields, Problem: extra == 0 ? null
                    : $"rækken løber sammen med de næste {extra} linjer (til og med række {rowNumber + extra}), fordi et anførselstegn (\") ikke er lukket; ret anførselstegnene og indlæs filen igen");
            }
            rowNumber += extra;
        }
    }

    public override void Dispose() => _reader.Dispose();

    /// <summary>
    /// UTF-8 with or without BOM, else Windows-1252 (what Danish Excel writes). UTF-16 and binary
    /// files are refused with a reason; the whole file is checked, since one bad byte can sit anywhere.
    /// </summary>
    internal static Encoding DetectEncoding(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> bom = stackalloc byte[4];
        var read = stream.Read(bom);
        if (read >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }
        if (read >= 2 && ((bom[0] == 0xFF && bom[1] == 0xFE) || (bom[0] == 0xFE && bom[1] == 0xFF)))
        {
            throw new FileRefusedException("filen er gemt som UTF-16 (Unicode); gem den som CSV UTF-8 eller CSV (semikolonsepareret)");
        }
        if (read >= 2 && bom[0] == (byte)'P' && bom[1] == (byte)'K')
        {
            throw new FileRefusedException("filen er en regnearksfil (zip) men hedder ikke .xlsx");
        }
        stream.Position = 0;
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[1 << 16];
        var chars = new char[buffer.Length + 4];
        var utf8 = true;
        var windows1252Undefined = false;
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var span = buffer.AsSpan(0, n);
            if (span.Contains((byte)0))
            {
                throw new FileRefusedException("filen indeholder binære data (nul-tegn) og er ikke en tekstfil");
            }
            windows1252Undefined |= span.IndexOfAny([(byte)0x81, (byte)0x8D, (byte)0x8F, (byte)0x90, (byte)0x9D]) >= 0;
            if (utf8)
            {
                try
                {
                    decoder.GetChars(buffer, 0, n, chars, 0, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    utf8 = false;
                }
            }
        }
        if (utf8)
        {
            return new UTF8Encoding(false);
        }
        if (windows1252Undefined)
        {
            throw new FileRefusedException("filens tegnsæt kan ikke genkendes (hverken UTF-8 eller Windows-1252)");
        }
        return Encoding.GetEncoding(1252);
    }

    /// <summary>
    /// The longest header line read: four million characters. A dozen column names take a few hundred, and even 100,000
    /// unknown columns (ignored, with bounded warnings) fit; a longer line is not a header, and a 100 MB line would otherwise
    /// be held, copied and split before anything could say so.
    /// </summary>
    public const int MaxHeaderLength = 4 * 1024 * 1024;

    private static string PeekHeaderLine(string path, Encoding encoding)
    {
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
        var line = new StringBuilder();
        int c;
        while ((c = reader.Read()) >= 0 && c is not ('\n' or '\r'))
        {
            if (line.Length == MaxHeaderLength)
            {
                throw new FileRefusedException(string.Create(CultureInfo.GetCultureInfo("da-DK"),
                    $"overskriftsrækken er længere end {MaxHeaderLength:N0} tegn; det er ikke en overskrift med kolonnenavne (er filen den rigtige?)"));
            }
            line.Append((char)c);
        }
        return line.ToString();
    }

    /// <summary><c>;</c> or <c>,</c>, whichever separates more fields of the header (quotes respected).</summary>
    internal static char DetectDelimiter(string header)
    {
        int semicolons = 0, commas = 0;
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == ';')
            {
                semicolons++;
            }
            else if (!quoted && c == ',')
            {
                commas++;
            }
        }
        return semicolons >= commas ? ';' : ',';
    }
}

/// <summary>Reads the first sheet with the SAX reader, so a large sheet is not held in memory as a DOM.</summary>
internal sealed class XlsxFile : TabularFile
{
    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _sheet;
    private readonly List<string> _sharedStrings = [];
    private readonly IEnumerator<TextRow> _rows;

    /// <summary>
    /// The most columns a row is read to. The files have a dozen; a cell far to the right (column ZZZZZZ) would otherwise
    /// pad the row with hundreds of millions of empty fields. Cells beyond it, or beyond the header, cost nothing.
    /// </summary>
    public const int MaxColumns = 256;

    public XlsxFile(string path)
    {
        try
        {
            _document = SpreadsheetDocument.Open(path, isEditable: false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException or IOException)
        {
            throw new FileRefusedException("filen kan ikke læses som et Excel-regneark (.xlsx)");
        }
        WorkbookPart workbook;
        Sheet? firstSheet;
        try
        {
            workbook = _document.WorkbookPart ?? throw new FileRefusedException("regnearket har ingen ark");
            firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or OpenXmlPackageException or InvalidOperationException or InvalidDataException)
        {
            throw new FileRefusedException("regnearkets liste over ark (workbook.xml) er beskadiget");
        }
        if (firstSheet?.Id?.Value is not { } sheetId)
        {
            throw new FileRefusedException("regnearket har ingen ark");
        }
        try
        {
            _sheet = (WorksheetPart)workbook.GetPartById(sheetId);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or KeyNotFoundException or InvalidCastException or OpenXmlPackageException)
        {
            throw new FileRefusedException($"regnearkets første ark ('{Bounded(firstSheet.Name?.Value)}') mangler i filen (dets relation peger ingen steder hen)");
        }
        if (workbook.SharedStringTablePart is { } sst)
        {
            using var reader = OpenXmlReader.Create(sst);
            while (reader.Read())
            {
                if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                {
                    _sharedStrings.Add(((SharedStringItem)reader.LoadCurrentElement()!).InnerText);
                }
            }
        }
        EncodingName = "xlsx";
        _rows = ReadRows().GetEnumerator();
        if (!Next())
        {
            throw new FileRefusedException("regnearkets første ark har ingen overskriftsrække");
        }
        Header = _rows.Current.Fields.Select(f => (f ?? "").Trim()).ToArray();
        _width = Header.Length;
    }

    private int _width = MaxColumns;
    private int _lastRow;

    /// <summary>The next row, or a refusal in Danish if the sheet's XML breaks off.</summary>
    private bool Next()
    {
        try
        {
            return _rows.MoveNext();
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or OpenXmlPackageException or InvalidDataException)
        {
            throw new FileRefusedException($"regnearkets første ark er beskadiget {(_lastRow == 0 ? "allerede i overskriftsrækken" : $"efter række {_lastRow}")} og kan ikke læses videre; intet fra filen er indlæst");
        }
    }

    private static string Bounded(string? text) => text is null ? "" : text.Length > 40 ? text[..40] + "…" : text;

    public override string[] Header { get; }
    public override bool IsSpreadsheet => true;

    public override string Format => "XLSX, første ark";

    public override IEnumerable<TextRow> Rows()
    {
        while (Next())
        {
            yield return _rows.Current;
        }
    }

    public override void Dispose()
    {
        _rows.Dispose();
        _document.Dispose();
    }

    private IEnumerable<TextRow> ReadRows()
    {
        using var reader = OpenXmlReader.Create(_sheet);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }
            var row = (Row)reader.LoadCurrentElement()!;
            var fields = new List<string?>();
            HashSet<int>? formulas = null;
            foreach (var cell in row.Elements<Cell>())
            {
                var index = ColumnIndex(cell.CellReference?.Value) ?? fields.Count;
                if (index < 0 || index >= _width)
                {
                    continue; // beyond every known column: costs nothing
                }
                while (fields.Count < index)
                {
                    fields.Add(null);
                }
                if (cell.CellFormula is not null)
                {
                    (formulas ??= []).Add(index);
                }
                fields.Add(CellText(cell));
            }
            // A row without its number (r) follows the one before it, as Excel reads it.
            _lastRow = row.RowIndex?.Value is { } r && r <= int.MaxValue ? (int)r : _lastRow + 1;
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            yield return new TextRow(_lastRow, fields.ToArray(), formulas);
        }
    }

    private string? CellText(Cell cell)
    {
        var raw = cell.CellValue?.Text;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, out var i) && i < _sharedStrings.Count ? _sharedStrings[i] : null;
        }
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }
        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return raw == "1" ? "ja" : "nej";
        }
        return raw;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (index > 16384)
            {
                return -1; // beyond Excel's last column (XFD): no column of ours
            }
        }
        return index - 1;
    }
}
