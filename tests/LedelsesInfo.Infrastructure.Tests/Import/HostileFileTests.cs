using System.IO.Compression;
using System.Text;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.Import;

/// <summary>
/// Files made to break the importer: each is refused or rejected per row in Danish, nothing already imported changes, no
/// batch is left running, and a cell far to the right costs nothing.
/// </summary>
public sealed class HostileFileTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private async Task<string> BasicsAsync()
    {
        Files.Basics(_db.Folder);
        Assert.All((await _db.ImportAsync(_db.Folder)).Files, f => Assert.Equal(0, f.RowsRejected));
        foreach (var file in Directory.GetFiles(_db.Folder, "*.csv"))
        {
            File.Delete(file);
        }
        var folder = Path.Combine(_db.Folder, "hostile");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A valid budget workbook, then one of its parts replaced or removed.</summary>
    private static string Broken(string folder, string name, string part, string? content)
    {
        var path = Files.Xlsx(folder, name, ["unit_id", "function", "month", "amount"], ["T1", "5.28.21", "2026-01", "1000"]);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.Entries.Single(e => part.EndsWith('/') ? e.FullName.Contains(part, StringComparison.Ordinal) : e.FullName.EndsWith(part, StringComparison.Ordinal));
        entry.Delete();
        if (content is not null)
        {
            using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open(), Encoding.UTF8);
            writer.Write(content);
        }
        return path;
    }

    /// <summary>Rewrites the first sheet's XML of a workbook written by <see cref="Files.Xlsx"/>.</summary>
    private static void RewriteSheet(string path, Func<string, string> rewrite)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        HostileCorpus.Rewrite(zip, rewrite);
    }

    private async Task AssertNothingChangedAndNoBatchRunsAsync()
    {
        await using var db = _db.NewContext();
        Assert.Equal(5, await db.OrgUnits.CountAsync());
        Assert.Equal(0, await db.BudgetLines.CountAsync());
        Assert.False(await db.ImportBatches.AnyAsync(b => b.Status == ImportStatus.Running));
    }

    [Theory]
    [InlineData("workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets><sheet name=\"Ark1\"", "regnearkets liste over ark (workbook.xml) er beskadiget")]
    [InlineData("workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>", "mangler i filen (dets relation peger ingen steder hen)")]
    [InlineData("worksheets/", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>unit_id", "regnearkets første ark er beskadiget allerede i overskriftsrækken og kan ikke læses videre; intet fra filen er indlæst")]
    public async Task A_workbook_with_a_broken_part_is_refused_in_danish_and_nothing_is_written(string part, string content, string reason)
    {
        var folder = await BasicsAsync();
        var path = Broken(folder, "budget.xlsx", part, content);

        var result = await _db.ImportOneAsync(path);

        Assert.True(result.Refused, result.RefusalReason);
        Assert.Contains(reason, result.RefusalReason, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.RefusalReason, StringComparison.Ordinal);
        Assert.Equal(2, new ImportResult([result]).ExitCode);
        await AssertNothingChangedAndNoBatchRunsAsync();
    }

    [Fact]
    public async Task A_cell_at_column_ZZZZZZ_costs_nothing_and_the_row_is_read_as_it_is()
    {
        var folder = await BasicsAsync();
        var path = Files.Xlsx(folder, "budget.xlsx", ["unit_id", "function", "month", "amount"], ["T1", "5.28.21", "2026-01", "1000"]);
        RewriteSheet(path, xml =>
        {
            // A cell in the last row at column ZZZZZZ (about 321 million columns to the right), and one beyond Excel's last column.
            const string cells = "<x:c r=\"ZZZZZZ2\" t=\"inlineStr\"><x:is><x:t>x</x:t></x:is></x:c><x:c r=\"ZZZZZZZZZZZZ2\"><x:v>1</x:v></x:c>";
            xml = xml.Replace("</row></x:sheetData>", cells + "</row></x:sheetData>", StringComparison.Ordinal)
                .Replace("</x:row></x:sheetData>", cells + "</x:row></x:sheetData>", StringComparison.Ordinal);
            Assert.Contains("ZZZZZZ2", xml, StringComparison.Ordinal);
            return xml;
        });

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var result = await _db.ImportOneAsync(path);
        var cost = GC.GetTotalAllocatedBytes(precise: true) - allocated;

        Assert.Equal((1, 1, 0), (result.RowsRead, result.RowsApplied, result.RowsRejected));
        Assert.True(cost < 50_000_000, $"the import allocated {cost:N0} bytes"); // before: rows padded to the cell's column, 9 GB
    }

    [Fact]
    public async Task An_amount_of_ten_to_the_seventeenth_is_rejected_per_row_not_an_overflow()
    {
        var folder = await BasicsAsync();
        var path = Files.Csv(folder, "budget.csv", """
            unit_id;function;month;amount
            T1;5.28.21;2026-01;1000
            T1;5.28.21;2026-02;100000000000000000
            """);

        var result = await _db.ImportOneAsync(path);

        Assert.Equal((2, 1, 1), (result.RowsRead, result.RowsApplied, result.RowsRejected));
        Assert.Equal(("amount", "er urimeligt stort for et beløb (højst 1.000.000.000.000 kr.)"), (Assert.Single(result.Errors).Column, result.Errors[0].Reason));
    }

    [Fact]
    public async Task Rows_without_their_number_in_the_sheet_keep_the_number_excel_shows()
    {
        var folder = await BasicsAsync();
        var path = Files.Xlsx(folder, "budget.xlsx", ["unit_id", "function", "month", "amount"], ["T1", "5.28.21", "2026-01", "1000"], ["T1", "5.28.21", "2026-13", "1000"]);
        RewriteSheet(path, xml => System.Text.RegularExpressions.Regex.Replace(xml, " r=\"\\d+\"", ""));

        var result = await _db.ImportOneAsync(path);

        Assert.Equal(3, Assert.Single(result.Errors).Row);
    }

    [Fact]
    public async Task A_batch_whose_process_died_is_marked_interrupted_at_the_next_import_with_the_reason()
    {
        await BasicsAsync();
        await using (var db = _db.NewContext())
        {
            // As a killed process leaves it: started, never finished.
            db.ImportBatches.Add(new ImportBatch { FileName = "payments.csv", FileKind = "payments", StartedAt = new DateTime(2026, 10, 31, 23, 0, 0), Status = ImportStatus.Running, ImportedBy = "natkørsel" });
            await db.SaveChangesAsync();
        }
        var folder = Path.Combine(_db.Folder, "next");
        Directory.CreateDirectory(folder);
        Files.Csv(folder, "budget.csv", """
            unit_id;function;month;amount
            T1;5.28.21;2026-01;1000
            """);

        await _db.ImportAsync(folder);

        await using var check = _db.NewContext();
        var dead = await check.ImportBatches.SingleAsync(b => b.FileName == "payments.csv");
        Assert.Equal((ImportStatus.Interrupted, Importer.InterruptedMessage), (dead.Status, dead.Message));
        Assert.NotNull(dead.FinishedAt);
        Assert.Equal(ImportStatus.Completed, (await check.ImportBatches.SingleAsync(b => b.FileName == "budget.csv")).Status);
    }

    [Fact]
    public async Task An_unterminated_quote_is_reported_on_its_row_with_the_rows_it_swallowed_and_later_rows_keep_their_numbers()
    {
        var folder = await BasicsAsync();
        var path = Files.Csv(folder, "budget.csv", """
            unit_id;function;month;amount
            T1;5.28.21;2026-01;1000
            T1;"5.28.21;2026-02;1000
            T1;5.28.21;2026-03;1000
            T1;5.28.21;2026-04;"1000
            """);

        var result = await _db.ImportOneAsync(path);

        var error = result.Errors[0];
        Assert.Equal(3, error.Row);
        Assert.Contains("anførselstegn", error.Reason, StringComparison.Ordinal);
        Assert.Contains("til og med række", error.Reason, StringComparison.Ordinal);
        Assert.Equal(1, result.RowsApplied);
        await using var db = _db.NewContext();
        Assert.Equal([new DateOnly(2026, 1, 1)], await db.BudgetLines.Select(b => b.Month).ToListAsync());
    }
}
