using Microsoft.AspNetCore.Hosting;
using System.Net;
using System.Text.RegularExpressions;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// No table the committee is shown lets a member work out a hidden count (1-4) by a sum or difference of what is shown
/// beside it. For every quarter the committee can choose, every table of its page (the tables beside the charts included)
/// and every export is read as the committee sees it (small numbers hidden), beside the true values where management's
/// overview has the same table. Totals are found by their label ("I alt", "Året") and by their arithmetic (a row or column
/// that is the sum of the others wherever all are known), and in every line with a total, a line with one hidden count
/// gives it away (total less the shown parts); found values become known and the search goes on, so a chain across rows
/// and columns is found too. "X af Y" cells are searched as two grids, the Xs and the Ys.
/// </summary>
public sealed partial class DerivationTests(DerivationTests.SmallMunicipality factory) : IClassFixture<DerivationTests.SmallMunicipality>
{
    /// <summary>The demo generator's smallest municipality, where the committee's counts are often under 5.</summary>
    public sealed class SmallMunicipality : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Demo:Profile", "small");
        }
    }

    [Fact]
    public async Task No_hidden_count_on_the_committees_page_can_be_derived_from_the_counts_shown_beside_it()
    {
        using var committee = await SignIn.AsAsync(factory, "fagudvalg");
        using var admin = await SignIn.AsAsync(factory, "administrator");
        var page = await committee.GetStringAsync("/Fagudvalg");
        var quarters = QuarterOption().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(quarters);

        var leaks = new List<string>();
        var hiddenSeen = 0;
        foreach (var quarter in quarters)
        {
            var html = await committee.GetStringAsync($"/Fagudvalg?quarter={quarter}");
            // The true values where management's overview has the same table unhidden (supervision); elsewhere a hidden
            // count is taken as any of 1-4, and a shown total less shown parts landing there counts as derived.
            var truth = Parse(await admin.GetStringAsync($"/Tilsyn/Oversigt?year={quarter[..4]}&handler=Export&table=tilsyn-kommunen&format=csv"));
            var tables = new List<(string Name, List<string[]> Rows)>();
            foreach (var table in ExportTable().Matches(html).Select(m => m.Groups[1].Value).Distinct())
            {
                tables.Add(($"eksport {table}", Parse(await committee.GetStringAsync($"/Fagudvalg?quarter={quarter}&handler=Export&table={table}&format=csv"))));
            }
            // Every table the page itself shows, the tables beside the charts included.
            tables.AddRange(HtmlTable().Matches(html).Select((m, i) => ($"tabel {i + 1} på siden", Rows(m.Value))).Where(t => t.Item2.Count > 1));

            foreach (var (name, shown) in tables)
            {
                var isSupervision = truth.Count == shown.Count && truth.Skip(1).Select(r => r[0]).SequenceEqual(shown.Skip(1).Select(r => r[0].Trim('"')));
                var header = shown[0];
                var labelledColumns = header.Select((h, i) => (h, i)).Where(p => Regex.IsMatch(p.h, "(Året|i alt)", RegexOptions.IgnoreCase)).Select(p => p.i);
                var labelledRows = shown.Skip(1).Select((r, i) => (r, i)).Where(p => p.r[0].Trim('"').StartsWith("I alt", StringComparison.Ordinal)).Select(p => p.i);
                foreach (var layer in new[] { 0, 1 })
                {
                    var grid = Grid(shown.Skip(1).ToList(), isSupervision ? truth.Skip(1).ToList() : null, layer);
                    hiddenSeen += grid.Sum(r => r.Count(c => c is { Hidden: true }));
                    // Totals by their label, and totals found by their arithmetic: a row or column that is the sum of the
                    // others wherever they are all known, whatever it is called.
                    var columns = labelledColumns.Union(TotalsByValue(grid)).ToList();
                    var rows = labelledRows.Union(TotalsByValue(Transpose(grid))).ToList();
                    leaks.AddRange(Derivable(grid, rows, columns).Select(d => $"{quarter} {name}: {d}"));
                }
            }
        }

        Assert.True(hiddenSeen > 0, "ingen skjulte tal fundet: søgningen prøvede intet");
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    [Fact]
    public void The_search_finds_an_unlabelled_total_by_its_arithmetic_and_the_count_it_gives_away()
    {
        // "Nord; Syd; Kommunen" with no "i alt" in the header: the third column is the sum of the others in the second row.
        var grid = new List<Cell?[]>
        {
            new Cell?[] { null, new(3, true), new(6, false), new(9, false) },
            new Cell?[] { null, new(5, false), new(7, false), new(12, false) },
        };

        var columns = TotalsByValue(grid).ToList();

        Assert.Equal([3], columns);
        Assert.Single(Derivable(grid, [], columns));
        Assert.Empty(Derivable(grid, [], []));
    }

    /// <summary>The rows of an HTML table, header first, as cell texts.</summary>
    private static List<string[]> Rows(string table) =>
        TableRow().Matches(table).Select(r => TableCell().Matches(r.Value)
            .Select(c => WebUtility.HtmlDecode(Regex.Replace(c.Groups[1].Value, "<[^>]+>", "")).Trim()).ToArray())
            .Where(r => r.Length > 0).ToList();

    private static List<Cell?[]> Transpose(List<Cell?[]> grid)
    {
        var width = grid.Count == 0 ? 0 : grid.Max(r => r.Length);
        return Enumerable.Range(0, width).Select(c => grid.Select(r => c < r.Length ? r[c] : null).ToArray()).ToList();
    }

    /// <summary>
    /// The columns that are the sum of the row's other counts in every row where all of them are known (at least one such
    /// row with a total above 0, and never a row where they do not add up).
    /// </summary>
    private static IEnumerable<int> TotalsByValue(List<Cell?[]> grid)
    {
        var width = grid.Count == 0 ? 0 : grid.Max(r => r.Length);
        for (var c = 0; c < width; c++)
        {
            var holds = 0;
            var broken = false;
            foreach (var row in grid)
            {
                if (c >= row.Length || row[c] is not { Value: { } total })
                {
                    continue;
                }
                var others = row.Where((cell, i) => i != c && cell is not null).ToList();
                if (others.Count < 2 || others.Any(o => o!.Value is null))
                {
                    continue;
                }
                if (others.Sum(o => o!.Value!.Value) == total)
                {
                    holds += total > 0 ? 1 : 0;
                }
                else
                {
                    broken = true;
                    break;
                }
            }
            if (!broken && holds > 0)
            {
                yield return c;
            }
        }
    }

    /// <summary>A count; hidden with its true value, or hidden with a value unknown here (any of 1-4).</summary>
    private sealed record Cell(int? Value, bool Hidden);

    /// <summary>The rows of a CSV export, header first.</summary>
    private static List<string[]> Parse(string csv) =>
        csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();

    /// <summary>The counts of a table (layer 0: whole numbers and the X of "X af Y"; layer 1: the Y), hidden where the committee sees "&lt;5".</summary>
    private static List<Cell?[]> Grid(List<string[]> shown, List<string[]>? truth, int layer) =>
        shown.Select((row, r) =>
        {
            // A row of percentages or money (decimal commas) holds no counts; its "<5" hides a percentage's small base.
            var countsRow = row.Skip(1).All(t => !Regex.IsMatch(t, @"^-?\d+,\d+$"));
            return row.Select((text, c) =>
            {
                if (text.Trim('"') == "<5")
                {
                    return truth is null ? countsRow && layer == 0 ? new Cell(null, true) : null
                        : Count(truth[r][c], layer) is { } v ? new Cell(v, true) : null;
                }
                return Count(text, layer) is { } n ? new Cell(n, false) : null;
            }).ToArray();
        }).ToList();

    private static int? Count(string text, int layer)
    {
        var t = text.Trim('"');
        var parts = Regex.Match(t, @"^(\d+) af (\d+)( \(\d+ %\))?$");
        if (parts.Success)
        {
            return int.Parse(parts.Groups[layer + 1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return layer == 0 && Regex.IsMatch(t, @"^\d+$") ? int.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// Hidden counts of 1-4 that a reader can work out, with how: in a row with a total column ("Året", "i alt") or a column
    /// with a total row ("I alt"), the total is the sum of the line's other counts, so one unknown among them is known.
    /// Found values are known from then on, so a chain across rows and columns is followed.
    /// </summary>
    private static List<string> Derivable(List<Cell?[]> grid, IReadOnlyList<int> totalRows, IReadOnlyList<int> totalColumns)
    {
        var found = new List<string>();
        var known = grid.Select(r => r.Select(c => c is { Hidden: false }).ToArray()).ToArray();
        var lines = new List<(List<(int r, int c)> Cells, (int r, int c) Total)>();
        foreach (var totalColumn in totalColumns)
        {
            lines.AddRange(Enumerable.Range(0, grid.Count).Where(r => totalColumn < grid[r].Length)
                .Select(r => (Enumerable.Range(0, grid[r].Length).Where(c => c == totalColumn || !totalColumns.Contains(c)).Select(c => (r, c)).ToList(), (r, totalColumn))));
        }
        foreach (var totalRow in totalRows)
        {
            lines.AddRange(Enumerable.Range(0, grid[totalRow].Length)
                .Select(c => (Enumerable.Range(0, grid.Count).Where(r => c < grid[r].Length && (r == totalRow || !totalRows.Contains(r))).Select(r => (r, c)).ToList(), (totalRow, c))));
        }
        bool progress;
        do
        {
            progress = false;
            foreach (var (line, total) in lines)
            {
                var cells = line.Where(p => grid[p.r][p.c] is not null).ToList();
                if (grid[total.r][total.c] is null)
                {
                    continue;
                }
                var unknown = cells.Where(p => !known[p.r][p.c]).ToList();
                if (unknown.Count != 1)
                {
                    continue;
                }
                var (hr, hc) = unknown[0];
                int Value((int r, int c) p) => grid[p.r][p.c]!.Value!.Value;
                var parts = cells.Where(p => p != total && p != (hr, hc)).ToList();
                var value = (hr, hc) == total ? parts.Sum(Value) : Value(total) - parts.Sum(Value);
                var truth = grid[hr][hc]!.Value;
                if (truth is { } t && t != value)
                {
                    continue; // the line's counts do not add up to its total (a total of something else): nothing follows
                }
                known[hr][hc] = true;
                grid[hr][hc] = grid[hr][hc]! with { Value = value };
                progress = true;
                if (value is >= 1 and <= 4)
                {
                    found.Add($"række {hr + 1}, kolonne {hc + 1}: {value} følger af totalen {((hr, hc) == total ? "(summen af delene)" : Value(total).ToString(System.Globalization.CultureInfo.InvariantCulture))} og de viste dele");
                }
            }
        }
        while (progress);
        return found;
    }

    [GeneratedRegex("<option value=\"(\\d{4}-Q[1-4])\"")]
    private static partial Regex QuarterOption();

    [GeneratedRegex("handler=Export&amp;table=([a-z0-9-]+)&amp;format=csv")]
    private static partial Regex ExportTable();

    [GeneratedRegex("(?s)<table.*?</table>")]
    private static partial Regex HtmlTable();

    [GeneratedRegex("(?s)<tr.*?</tr>")]
    private static partial Regex TableRow();

    [GeneratedRegex("(?s)<t[hd][^>]*>(.*?)</t[hd]>")]
    private static partial Regex TableCell();
}
