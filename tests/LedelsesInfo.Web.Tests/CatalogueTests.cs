using System.Net;
using System.Text.RegularExpressions;

namespace LedelsesInfo.Web.Tests;

public sealed partial class CatalogueTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_catalogue_lists_every_figure_with_the_municipalitys_quarter_and_status_in_words()
    {
        using var client = await SignIn.AsAsync(factory, "fagudvalg");

        var html = await client.GetStringAsync("/Katalog");

        foreach (var code in new[] { "U1", "U2", "U3", "B1", "P1", "F1", "T1", "A1", "A2", "S1", "O1", "O2", "H1", "H2", "X1" })
        {
            Assert.Contains($"href=\"/Katalog/Noegletal/{code}\"", html, StringComparison.Ordinal);
        }
        Assert.Matches(@"<td class=""numeric"">\d{1,3},\d %</td>", html);
        Assert.Matches("(Grøn: målet er nået|Gul: tæt på målet|Rød: langt fra målet)", html);
        Assert.Contains("Data er opgjort til og med <strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_figures_page_tells_a_politician_the_rule_the_law_the_source_and_who_receives_it()
    {
        using var client = await SignIn.AsAsync(factory, "fagudvalg");

        var html = await client.GetStringAsync("/Katalog/Noegletal/B1");

        Assert.Contains("Børnefaglige undersøgelser inden for 4 måneder", html, StringComparison.Ordinal);
        Assert.Contains("Barnets Lov § 20, stk. 3", html, StringComparison.Ordinal);
        Assert.Contains("Filerne examinations", html, StringComparison.Ordinal);
        Assert.Contains("Efter hver import", html, StringComparison.Ordinal);
        Assert.Contains("Børn og Familie Nord: 85,0 %", html, StringComparison.Ordinal); // the department's own goal
        Assert.Matches(@"Fagudvalg</a></th>\s*<td>Ja</td>\s*<td>kvartalsvis</td>\s*<td>forvaltning</td>", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Katalog/Noegletal/Z9")).StatusCode);
    }

    [Fact]
    public async Task An_audiences_page_lists_the_figures_it_receives()
    {
        using var client = await SignIn.AsAsync(factory, "sagsbehandler");

        var html = await client.GetStringAsync("/Katalog/Modtagergruppe/sagsbehandler");

        Assert.Contains("/Katalog/Noegletal/F1", html, StringComparison.Ordinal);
        Assert.Contains("Får ikke", html, StringComparison.Ordinal);
        Assert.Contains("O1 Forbrug i forhold til budget", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_changes_an_audiences_cadence_and_grain_through_the_form()
    {
        using var client = await SignIn.AsAsync(factory, "administrator");
        var form = await client.GetStringAsync("/Katalog/Indstilling?audience=forvaltningsledelse&kpi=H2");

        var response = await client.PostAsync("/Katalog/Indstilling", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Audience"] = "forvaltningsledelse",
            ["Kpi"] = "H2",
            ["Cadence"] = "kvartal",
            ["Grain"] = "afdeling",
            ["__RequestVerificationToken"] = SignIn.FormToken(form),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var matrix = await client.GetStringAsync("/Katalog/Modtagere");
        Assert.Contains("H2 for forvaltningsledelse er gemt: får ikke nøgletallet.", matrix, StringComparison.Ordinal);
        var page = await client.GetStringAsync("/Katalog/Modtagergruppe/forvaltningsledelse");
        Assert.DoesNotContain("/Katalog/Noegletal/H2\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_the_law_of_small_numbers_forbids_is_refused_with_a_danish_message()
    {
        using var client = await SignIn.AsAsync(factory, "administrator");
        var form = await client.GetStringAsync("/Katalog/Indstilling?audience=fagudvalg&kpi=B1");

        var response = await client.PostAsync("/Katalog/Indstilling", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Audience"] = "fagudvalg",
            ["Kpi"] = "B1",
            ["Enabled"] = "true",
            ["Cadence"] = "kvartal",
            ["Grain"] = "team",
            ["__RequestVerificationToken"] = SignIn.FormToken(form),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Fagudvalget ser ikke tal for enkelte teams", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("kvartalsvis, forvaltning", await client.GetStringAsync("/Katalog/Modtagere"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("teamleder", "/Katalog/Indstilling?audience=fagudvalg&kpi=B1")]
    [InlineData("sagsbehandler", "/Katalog/Datakvalitet")]
    [InlineData("fagudvalg", "/Katalog/Datakvalitet")]
    public async Task Editing_the_matrix_and_the_data_quality_list_are_for_leaders_only(string audience, string path)
    {
        using var client = await SignIn.AsAsync(factory, audience);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_team_leader_sees_the_data_quality_of_the_own_team()
    {
        using var client = await SignIn.AsAsync(factory, "teamleder");

        var html = await client.GetStringAsync("/Katalog/Datakvalitet");

        Assert.Contains("Opfølgning uden kadence", html, StringComparison.Ordinal);
        var teams = TeamRow().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(teams.Count <= 1, $"a team leader saw {string.Join(", ", teams)}");
    }

    [GeneratedRegex(@"<tr><th scope=""row"">(Team [^<]+)</th>")]
    private static partial Regex TeamRow();
}
