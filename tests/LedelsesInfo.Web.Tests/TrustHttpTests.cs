using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// What the pages make of the figures, over real HTTP on the demo: a refusal gives its true reason, hidden and missing
/// are told apart and explained once, counts are whole numbers on the page and in Excel, data quality names its cases to
/// the team leader who can correct them.
/// </summary>
public sealed partial class TrustHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Another_teams_list_is_refused_with_the_true_reason_and_a_page_of_another_audience_with_its_own()
    {
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        using var caseworker = await SignIn.AsAsync(factory, "sagsbehandler");

        var otherTeam = await leader.GetAsync("/Team?team=F2A2T2");
        var otherAudience = await caseworker.GetAsync("/Ledelse");

        Assert.Equal(HttpStatusCode.Forbidden, otherTeam.StatusCode);
        var page = await otherTeam.Content.ReadAsStringAsync();
        Assert.Contains("Du har ikke adgang til teamet F2A2T2. Som teamleder ser du dit eget teams sager og tal. Forsøget er registreret.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("modtagergruppe", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, otherAudience.StatusCode);
        Assert.Contains("Siden hører til en anden modtagergruppe end din.", await otherAudience.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_committee_page_explains_hidden_and_missing_once_and_marks_hidden_trend_values_as_hidden()
    {
        using var committee = await SignIn.AsAsync(factory, "fagudvalg");
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");

        var page = await committee.GetStringAsync("/Fagudvalg");
        var management = await director.GetStringAsync("/Ledelse");

        Assert.Single(Regex.Matches(page, "Sådan læses tallene"));
        Assert.Contains("«&lt;5» betyder, at tallet bygger på 1-4 sager eller børn og er skjult af hensyn til diskretionen", page, StringComparison.Ordinal);
        Assert.Contains("«–» betyder, at der ikke er noget tal", page, StringComparison.Ordinal);
        // The tables under the charts say "<5" where the value is hidden, as the comparison does.
        var chartTables = ChartTable().Matches(page).Select(m => m.Value).ToList();
        Assert.NotEmpty(chartTables);
        Assert.Contains(chartTables, t => t.Contains("<td class=\"numeric\">&lt;5</td>", StringComparison.Ordinal));
        // Management reads for internal use: no hidden values, and the page says so.
        Assert.DoesNotContain("&lt;5</td>", management, StringComparison.Ordinal);
        Assert.Contains("Tallene er til intern brug", management, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_director_sees_the_departments_total_beside_its_units_and_the_remainder_at_the_department_itself()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");

        var page = await director.GetStringAsync("/Ledelse");

        var header = Regex.Match(page, "<table[^>]*id=\"tabel-enheder\".*?</thead>", RegexOptions.Singleline).Value;
        Assert.Contains("Øvrige / stab", header, StringComparison.Ordinal); // the director's own HR rows
        Assert.Contains("Børn og Familie Nord i alt", header, StringComparison.Ordinal);
        Assert.Contains(">Enhed</th>", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_are_whole_numbers_on_the_team_page_and_in_its_excel_export()
    {
        using var leader = await SignIn.AsAsync(factory, "teamleder");

        var page = await leader.GetStringAsync("/Team?week=2026-W43");
        using var export = await leader.GetAsync("/Team?week=2026-W43&handler=Export&table=noegletal&format=xlsx");
        Assert.True(export.Headers.CacheControl?.NoStore, "an export is never kept by a browser or a proxy");
        var xlsx = await export.Content.ReadAsByteArrayAsync();

        var u1 = Regex.Match(page, @"U1 Antal underretninger</th>\s*<td class=""numeric""[^>]*>([^<]*)</td>").Groups[1].Value;
        Assert.Matches(@"^\d+$", u1);
        Assert.Matches(@"O2 Andel forebyggende udgifter</th>\s*<td class=""numeric""[^>]*>opgøres månedligt", page);
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        var u1Row = rows.Single(r => r.Elements<Cell>().First().InnerText.StartsWith("U1", StringComparison.Ordinal));
        var value = u1Row.Elements<Cell>().ElementAt(1);
        var format = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)value.StyleIndex!.Value).NumberFormatId!.Value;
        Assert.Equal(3U, format); // Excel's built-in "#,##0"
        Assert.Equal(u1, value.CellValue!.Text);
    }

    [Fact]
    public async Task The_data_quality_page_names_the_cases_to_the_team_leader_and_only_counts_to_the_director()
    {
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");

        var mine = await leader.GetStringAsync("/Katalog/Datakvalitet");
        var theirs = await director.GetStringAsync("/Katalog/Datakvalitet");

        Assert.Contains("Sådan rettes det:", mine, StringComparison.Ordinal);
        Assert.Matches(@"<a href=""/Sag/S\d{7}"">S\d{7}</a>", mine);
        Assert.DoesNotMatch(@"<a href=""/Sag/", theirs);
        Assert.Contains("Sagerne bag tallene vises for teamlederen", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("Hændelser før indsatsens start", mine, StringComparison.Ordinal);
    }

    [GeneratedRegex("<table class=\"table table--compact chart__table\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex ChartTable();
}
