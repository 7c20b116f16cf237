using System.Net;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests;

public sealed class PortalTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] AdminPages =
        ["/", "/Katalog", "/Katalog/Noegletal/F1", "/Katalog/Modtagere", "/Admin/Importkoersler", "/Tilgaengelighed", "/Konto/LogInd", "/Fagudvalg", "/Ledelse"];

    [Fact]
    public async Task The_portal_starts_on_an_empty_folder_with_the_demo_municipality_imported()
    {
        using var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
        Assert.True(File.Exists(Path.Combine(factory.DataFolder, "ledelsesinfo.db")));
        Assert.True(await db.Cases.CountAsync() > 500);
        Assert.Equal(12, await db.ImportBatches.CountAsync(b => b.ImportedBy == "demodata"));
        Assert.Equal(LedelsesInfo.Domain.KpiCatalogue.All.Count, await db.KpiDefinitions.CountAsync());
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        using var client = factory.NewClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Konto/LogInd", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fagudvalg", "Du er logget ind som <strong>fagudvalg</strong>", "Åbne sager")]
    [InlineData("forvaltningsledelse", "Du er logget ind som <strong>forvaltningsledelse</strong>", "Åbne sager")]
    [InlineData("teamleder", "Du er logget ind som <strong>teamleder</strong>", "Åbne sager")]
    [InlineData("sagsbehandler", "Du er logget ind som <strong>sagsbehandler</strong>", "Mine åbne sager")]
    [InlineData("administrator", "Du er logget ind som <strong>administrator</strong>", "Seneste importkørsler")]
    public async Task Each_audience_sees_the_danish_front_page(string audience, string greeting, string content)
    {
        using var client = await SignIn.AsAsync(factory, audience);

        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"da\">", html, StringComparison.Ordinal);
        Assert.Contains(greeting, html, StringComparison.Ordinal);
        Assert.Contains(content, html, StringComparison.Ordinal);
        Assert.Matches(@"Data er opgjort til og med <strong>\d{1,2}\. [a-zæøå]+ \d{4}</strong>", html);
        Assert.Matches(@"\d{1,3}(\.\d{3})+ kr\.", html); // Danish thousands separator on kroner
    }

    [Fact]
    public async Task A_caseworker_sees_own_open_cases_and_a_team_leader_the_teams()
    {
        using var caseworker = await SignIn.AsAsync(factory, "sagsbehandler");
        using var leader = await SignIn.AsAsync(factory, "teamleder");

        var own = OpenCases(await caseworker.GetStringAsync("/"), "Mine åbne sager");
        var team = OpenCases(await leader.GetStringAsync("/"), "Åbne sager");

        Assert.InRange(own, 1, 60);
        Assert.True(team > own, $"teamets {team} åbne sager bør være flere end én sagsbehandlers {own}");
    }

    [Theory]
    [InlineData("sagsbehandler")]
    [InlineData("teamleder")]
    [InlineData("fagudvalg")]
    [InlineData("forvaltningsledelse")]
    public async Task A_page_outside_the_audiences_rights_answers_403(string audience)
    {
        using var client = await SignIn.AsAsync(factory, audience);

        var response = await client.GetAsync("/Admin/Importkoersler");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Du har ikke adgang til siden", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administrator_sees_import_batches_and_their_row_errors()
    {
        using var client = await SignIn.AsAsync(factory, "administrator");

        var list = await client.GetStringAsync("/Admin/Importkoersler");
        var batch = await client.GetAsync("/Admin/Importkoersel/1");
        var missing = await client.GetAsync("/Admin/Importkoersel/999999");

        Assert.Contains("organisation.csv", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Contains("Importkørsel 1: organisation.csv", await batch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Navigation_shows_each_audience_only_what_it_may_open()
    {
        using var admin = await SignIn.AsAsync(factory, "administrator");
        using var caseworker = await SignIn.AsAsync(factory, "sagsbehandler");

        Assert.Contains("href=\"/Admin/Importkoersler\"", await admin.GetStringAsync("/Katalog"), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Admin/Importkoersler\"", await caseworker.GetStringAsync("/Katalog"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_is_served_with_a_strict_content_security_policy_and_no_inline_script_or_style()
    {
        using var admin = await SignIn.AsAsync(factory, "administrator");
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        using var caseworker = await SignIn.AsAsync(factory, "sagsbehandler");
        var pages = AdminPages.Select(p => (admin, p)).Append((leader, "/Team")).Append((caseworker, "/Mine"));

        foreach (var (client, path) in pages)
        {
            var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
                response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
            // Every script element either loads a file from the portal or is a JSON data block (not executed).
            Assert.All(System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>").Select(m => m.Value),
                tag => Assert.Matches("src=\"/|type=\"application/json\"", tag));
            Assert.DoesNotContain(" on" + "click=", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_front_end_libraries_are_served_from_the_portal_itself()
    {
        using var client = factory.NewClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/dkfds/css/dkfds.min.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/dkfds/js/dkfds.min.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/chartjs/chart.umd.min.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2")).StatusCode);
    }

    [Fact]
    public async Task A_development_sign_in_with_an_unknown_user_is_refused_with_a_message()
    {
        using var client = factory.NewClient();
        var page = await client.GetStringAsync("/Konto/LogInd");
        var token = SignIn.FormToken(page);

        var response = await client.PostAsync("/Konto/LogInd", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["EmployeeId"] = "findes-ikke",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_from_any_page_ends_the_session()
    {
        using var client = await SignIn.AsAsync(factory, "sagsbehandler");
        var page = await client.GetStringAsync("/Katalog");

        var response = await client.PostAsync("/Konto/LogUd", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SignIn.FormToken(page) }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode); // back to sign-in
    }

    private static int OpenCases(string html, string label)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"<th scope=\"row\">{label}</th><td class=\"numeric\">([\\d.]+)</td>");
        Assert.True(match.Success, $"'{label}' mangler på forsiden");
        return int.Parse(match.Groups[1].Value.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }
}
