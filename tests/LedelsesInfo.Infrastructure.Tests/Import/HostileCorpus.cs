using System.IO.Compression;
using System.Text;
using LedelsesInfo.Infrastructure.Tests.Support;

namespace LedelsesInfo.Infrastructure.Tests.Import;

/// <summary>
/// Files a hostile or careless sender could give the importer (issue: no file can break the portal): absurd dates, cells
/// far to the right, broken workbooks, overflowing amounts, CPR numbers in any column, unbounded text, open quotes, files
/// that are not what their names say. Every one has only bad rows or cannot be read at all, so importing it must change
/// nothing: each is refused (exit 2) or has all its rows rejected (exit 1), with a Danish reason.
/// The organisation and employees of <see cref="Files.Basics"/> are assumed imported.
/// </summary>
public static class HostileCorpus
{
    private const string Notifications = "notification_id;unit_id;child_id;case_id;received_at;assessed_at;professional;receipt_sent_on\n";
    private const string Cases = "case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on\n";
    private const string Activities = "activity_id;case_id;paragraph;kind;function;provider;decided_on;start_on;end_on;monthly_price\n";
    private const string Budget = "unit_id;function;month;amount\n";
    private const string Payments = "payment_id;unit_id;function;activity_id;posted_on;amount\n";
    private const string Hr = "employee_id;month;fte;hours_worked;overtime_hours;sick_days\n";

    /// <summary>Words one of which every Danish reason the importer gives contains.</summary>
    public static readonly string[] DanishWords =
        ["ikke", "mangler", "ligger", "for lang", "for stort", "længere end", "afvist", "ugyldig", "ukendt", "tom", "formel", "CPR", "fremtiden", "findes", "kendes", "står", "kun en overskrift"];

    /// <summary>Writes every file of the corpus into <paramref name="folder"/>, one subfolder each (a file's name is its kind), and returns their paths.</summary>
    public static IReadOnlyList<string> WriteTo(string folder)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var paths = new List<string>();
        var n = 0;
        string Dir() => Directory.CreateDirectory(Path.Combine(folder, $"{++n:00}")).FullName;
        void Csv(string name, string content, Encoding? encoding = null) => paths.Add(Files.Csv(Dir(), name, content, encoding));
        void Bytes(string name, byte[] content)
        {
            var path = Path.Combine(Dir(), name);
            File.WriteAllBytes(path, content);
            paths.Add(path);
        }
        void Xlsx(string name, string[][] rows, Action<ZipArchive>? spoil = null)
        {
            var path = Files.Xlsx(Dir(), name, rows);
            if (spoil is not null)
            {
                using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
                spoil(zip);
            }
            paths.Add(path);
        }
        void Large(string name, Action<TextWriter> write)
        {
            var path = Path.Combine(Dir(), name);
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
            {
                write(writer);
            }
            paths.Add(path);
        }

        // Dates no one can mean.
        Csv("notifications.csv", Notifications + "N1;T1;B1;;9999-12-31 23:59;;ja;\n");
        Csv("cases.csv", Cases + "S1;B1;2015-01-01;T1;M1;2062-01-05;\n");
        Csv("cases_1899.csv", Cases + "S1;B1;1899-12-31;T1;M1;2020-01-01;\n");
        Csv("cases_feb.csv", Cases + "S1;B1;31-02-2015;T1;M1;2020-01-01;\n");
        Csv("hr.csv", Hr + "M1;2030-01;1;140;0;0\n");
        Csv("notifications_tz.csv", Notifications + "N1;T1;B1;;2026-01-01T10:00:00+02:00;;ja;\n");
        Csv("budget_month.csv", Budget + "T1;5.28.21;2026-13;1000\n");
        // Amounts that overflow or are not amounts.
        Csv("budget.csv", Budget + "T1;5.28.21;2026-01;100000000000000000\n");
        Csv("payments.csv", Payments + "P1;T1;5.28.21;;2026-01-05;10000000000000\n");
        Csv("payments_letters.csv", Payments + "P1;T1;5.28.21;;2026-01-05;12a\n");
        Csv("payments_ore.csv", Payments + "P1;T1;5.28.21;;2026-01-05;10,001\n");
        Csv("budget_negative.csv", Budget + "T1;5.28.21;2026-01;-5\n");
        // CPR numbers where none may be.
        Csv("activities.csv", Activities + "010203-1234;S1;§52;forebyggende;5.28.21;;2026-01-01;2026-01-01;;\n");
        Csv("activities_provider.csv", Activities + "I1;S1;§52;forebyggende;5.28.21;0102031234;2026-01-01;2026-01-01;;\n");
        Csv("cases_cpr.csv", Cases + "S1;010203-1234;2003-02-01;T1;M1;2020-01-01;\n");
        Csv("employees.csv", "employee_id;name;unit_id;role;login\nM9;Hans 010203-1234;T1;sagsbehandler;\n", Encoding.GetEncoding(1252));
        // Codes, booleans, references and keys that do not hold.
        Csv("activities_kind.csv", Activities + "I1;S1;§52;xyz;5.28.21;;2026-01-01;2026-01-01;;\n");
        Csv("notifications_bool.csv", Notifications + "N1;T1;B1;;2026-01-01 10:00;;måske;\n");
        Csv("cases_team.csv", Cases + "S1;B1;2015-01-01;UKENDT;M1;2020-01-01;\n");
        Csv("organisation.csv", "unit_id;parent_id;name;level\nX1;UKENDT;Ny;team\nX1;UKENDT;Ny igen;team\n");
        Csv("cases_blank.csv", Cases + "S1;   ;2015-01-01;T1;M1;2020-01-01;\n");
        Csv("hr_sick.csv", Hr + "M1;2026-01;1;140;0;45\n");
        Csv("payments_date.csv", Payments + "P1;T1;5.28.21;;i går;100\n");
        // Headers that cannot be used.
        Csv("budget_twice.csv", "unit_id;unit_id;function;month;amount\nT1;T1;5.28.21;2026-01;1\n");
        Csv("budget_missing.csv", "unit_id;function;amount\nT1;5.28.21;1\n");
        Csv("noget.csv", "a;b\n1;2\n");
        Bytes("cases_empty.csv", []);
        // Encodings and bytes that are not text.
        Bytes("cases_utf16.csv", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Cases + "S1;B1;2015-01-01;T1;M1;2020-01-01;\n")).ToArray());
        Bytes("cases_binary.csv", Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray());
        Bytes("cases_nul.csv", Encoding.UTF8.GetBytes(Cases + "S1\0;B1;2015-01-01;T1;M1;2020-01-01;\n"));
        Bytes("payments_pdf.xlsx", Encoding.ASCII.GetBytes("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"));
        // Quotes left open.
        Csv("cases_quote.csv", Cases + "S1;\"B1;2015-01-01;T1;M1;2020-01-01;\nS2;B2;2015-01-01;UKENDT;M1;2020-01-01;\n");
        // Workbooks with a part broken, a formula, or a cell far to the right.
        string[] budgetHeader = ["unit_id", "function", "month", "amount"];
        Xlsx("budget_workbook.xlsx", [budgetHeader, ["T1", "5.28.21", "2026-01", "1"]], zip => Replace(zip, "workbook.xml", "<workbook><sheets><sheet"));
        Xlsx("budget_rels.xlsx", [budgetHeader, ["T1", "5.28.21", "2026-01", "1"]], zip => Replace(zip, "workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>"));
        Xlsx("budget_truncated.xlsx", [budgetHeader, ["T1", "5.28.21", "2026-01", "1"]], zip => Rewrite(zip, xml => xml[..(xml.Length / 2)]));
        Xlsx("budget_formula.xlsx", [budgetHeader, ["T1", "5.28.21", "2026-01", "=1+1"]]);
        Xlsx("budget_zzzzzz.xlsx", [budgetHeader, ["T1", "5.28.21", "2026-13", "1"]],
            zip => Rewrite(zip, xml => xml.Replace("</row></sheetData>", "<c r=\"ZZZZZZ2\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>", StringComparison.Ordinal)));
        Xlsx("budget_czzzzz.xlsx", [budgetHeader, ["T1", "5.28.21", "2026-13", "1"]],
            zip => Rewrite(zip, xml => xml.Replace("</row></sheetData>", "<c r=\"CZZZZZ2\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>", StringComparison.Ordinal)));
        Xlsx("budget_norows.xlsx", [budgetHeader, ["T1", "5.28.21", "2026-13", "1"], ["T1", "5.28.21", "2026-14", "1"]],
            zip => Rewrite(zip, xml => System.Text.RegularExpressions.Regex.Replace(xml, " r=\"\\d+\"", "")));
        Xlsx("budget_sharedstring.xlsx", [budgetHeader, ["T1", "5.28.21", "2026-01", "1"]],
            zip => Rewrite(zip, xml => xml.Replace("t=\"inlineStr\"><x:is><x:t>T1</x:t></x:is>", "t=\"s\"><x:v>99999</x:v>", StringComparison.Ordinal)
                .Replace("t=\"inlineStr\"><is><t>T1</t></is>", "t=\"s\"><v>99999</v>", StringComparison.Ordinal)));
        // Unbounded text: a 100 MB header line, a hundred thousand unknown columns, a 5 MB value, 200,000 bad rows.
        Large("payments_header.csv", w =>
        {
            w.Write("payment_id;unit_id;function;activity_id;posted_on;amount;");
            for (var i = 0; i < 100; i++)
            {
                w.Write(new string('x', 1024 * 1024));
            }
            w.Write("\nP1;T1;5.28.21;;2026-01-05;12a\n");
        });
        Large("payments_columns.csv", w =>
        {
            w.Write("payment_id;unit_id;function;activity_id;posted_on;amount");
            for (var i = 0; i < 100_000; i++)
            {
                w.Write($";ekstra{i}");
            }
            w.Write("\nP1;T1;5.28.21;;2026-01-05;12a\n");
        });
        Large("employees_long.csv", w =>
        {
            w.Write("employee_id;name;unit_id;role;login\nM9;");
            w.Write(new string('a', 5 * 1024 * 1024));
            w.Write(";T1;sagsbehandler;\n");
        });
        Large("payments_many.csv", w =>
        {
            w.Write(Payments);
            for (var i = 0; i < 200_000; i++)
            {
                w.Write($"P{i};T1;5.28.21;;2026-01-05;ikke-et-beløb\n");
            }
        });
        return paths;
    }

    private static void Replace(ZipArchive zip, string part, string? content)
    {
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(part, StringComparison.Ordinal) && (part != "workbook.xml" || !e.FullName.EndsWith(".rels", StringComparison.Ordinal)));
        var name = entry.FullName;
        entry.Delete();
        if (content is not null)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
            writer.Write(content);
        }
    }

    /// <summary>Rewrites the first sheet's XML of a workbook written by <see cref="Files.Xlsx"/>.</summary>
    public static void Rewrite(ZipArchive zip, Func<string, string> rewrite)
    {
        var sheet = zip.Entries.Single(e => e.FullName.Contains("worksheets/", StringComparison.Ordinal));
        string xml;
        using (var reader = new StreamReader(sheet.Open()))
        {
            xml = reader.ReadToEnd();
        }
        var name = sheet.FullName;
        sheet.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
        writer.Write(rewrite(xml));
    }
}
