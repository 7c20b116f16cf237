using System.Net;
using System.Text.RegularExpressions;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LedelsesInfo.Infrastructure.Tests;

namespace LedelsesInfo.Web.Tests;

/// <summary>The four dashboards over HTTP with the demo municipality: who may open what, what is logged, what is exported.</summary>
public sealed partial class DashboardHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<int> LogCountAsync(Func<LoggedLine, bool> filter)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
        return (await db.AccessLog.LinesAsync()).Count(filter);
    }

    [Theory]
    [InlineData("fagudvalg", "/Fagudvalg", "Fagudvalget: Demo Kommune")]
    [InlineData("forvaltningsledelse", "/Ledelse", "Enhederne")]
    [InlineData("forvaltningsledelse", "/Fagudvalg", "Forvaltningerne sammenlignet")]
    [InlineData("teamleder", "/Team", "Overholdte frister")]
    [InlineData("sagsbehandler", "/Mine", "Mine sager")]
    [InlineData("administrator", "/Ledelse", "Enhederne")]
    public async Task Each_audience_opens_its_dashboard(string audience, string path, string text)
    {
        using var client = await SignIn.AsAsync(factory, audience);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(text, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fagudvalg", "/Team")]
    [InlineData("fagudvalg", "/Ledelse")]
    [InlineData("fagudvalg", "/Mine")]
    [InlineData("forvaltningsledelse", "/Team")]
    [InlineData("forvaltningsledelse", "/Mine")]
    [InlineData("teamleder", "/Fagudvalg")]
    [InlineData("teamleder", "/Mine")]
    [InlineData("sagsbehandler", "/Team")]
    [InlineData("sagsbehandler", "/Ledelse")]
    public async Task No_audience_opens_another_audiences_dashboard(string audience, string path)
    {
        using var client = await SignIn.AsAsync(factory, audience);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_committees_report_never_shows_a_case()
    {
        using var client = await SignIn.AsAsync(factory, "fagudvalg");

        var html = await client.GetStringAsync("/Fagudvalg");

        Assert.DoesNotMatch(@"\bS\d{7}\b", html);
        Assert.DoesNotMatch(@"\bB\d{7}\b", html);
        Assert.Contains("&lt;5", html, StringComparison.Ordinal);
        Assert.Contains("<canvas data-chart=", html, StringComparison.Ordinal);
        Assert.Contains("Tallene bag grafen", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_leader_who_changes_the_url_to_another_team_gets_403_and_the_attempt_is_logged()
    {
        using var client = await SignIn.AsAsync(factory, "teamleder");
        var before = await LogCountAsync(e => e.Action == "nægtet");

        var response = await client.GetAsync("/Team?team=F2A2T2");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before + 1, await LogCountAsync(e => e.Action == "nægtet"));
    }

    [Fact]
    public async Task The_team_leaders_list_shows_the_own_teams_cases_and_logs_each_view()
    {
        using var client = await SignIn.AsAsync(factory, "teamleder");
        var before = await LogCountAsync(e => e.Page == "Teamleder: ugens frister" && e.Action == "vist");

        var html = await client.GetStringAsync("/Team");
        var cases = CaseLink().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        // The second time the answer comes from the cache; it is logged all the same.
        Assert.Equal(SignIn.WithoutTokens(html), SignIn.WithoutTokens(await client.GetStringAsync("/Team")));

        Assert.NotEmpty(cases);
        Assert.Equal(before + 2 * cases.Count, await LogCountAsync(e => e.Page == "Teamleder: ugens frister" && e.Action == "vist"));
        // Every listed case is one the team leader may open.
        var open = await client.GetAsync($"/Sag/{cases[0]}");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task A_page_is_served_from_the_cache_until_the_data_change()
    {
        using var client = await SignIn.AsAsync(factory, "fagudvalg");
        var cache = factory.Services.GetRequiredService<LedelsesInfo.Application.Caching.QueryCache>();
        var first = await client.GetStringAsync("/Fagudvalg");
        var entries = cache.Count;
        Assert.Equal(SignIn.WithoutTokens(first), SignIn.WithoutTokens(await client.GetStringAsync("/Fagudvalg")));
        Assert.Equal(entries, cache.Count); // the same query, answered from the cache
        Assert.Contains("Fagudvalget: Demo Kommune", first, StringComparison.Ordinal);

        await RenameMunicipalityAsync("Prøvekommunen");
        try
        {
            // The rename moved the data version on: the next request is answered afresh.
            Assert.Contains("Fagudvalget: Prøvekommunen", await client.GetStringAsync("/Fagudvalg"), StringComparison.Ordinal);
        }
        finally
        {
            await RenameMunicipalityAsync("Demo Kommune");
        }
        Assert.Contains("Fagudvalget: Demo Kommune", await client.GetStringAsync("/Fagudvalg"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fagudvalg", "/Fagudvalg", "quarter=1900-Q1", "asOf=1999-01-01")]
    [InlineData("forvaltningsledelse", "/Ledelse", "month=1900-01", "asOf=1999-01-01")]
    [InlineData("teamleder", "/Team", "week=1900-W01", "asOf=1999-01-01")]
    [InlineData("sagsbehandler", "/Mine", "asOf=1999-01-01", "asOf=")]
    public async Task An_address_whose_period_does_not_exist_is_the_default_answer_not_a_new_one(string audience, string page, string unknown, string otherUnknown)
    {
        using var client = await SignIn.AsAsync(factory, audience);
        var cache = factory.Services.GetRequiredService<LedelsesInfo.Application.Caching.QueryCache>();
        var first = await client.GetStringAsync(page);
        var entries = cache.Count;

        // The unknown period resolves to the period shown by default before the cache is asked: the same answer, not
        // computed again under a key of its own (the page's own HTML may say what was asked for).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{page}?{unknown}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{page}?{otherUnknown}")).StatusCode);
        Assert.Equal(entries, cache.Count);
        Assert.Equal(SignIn.WithoutTokens(first), SignIn.WithoutTokens(await client.GetStringAsync(page)));
    }

    private async Task RenameMunicipalityAsync(string name)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
        var municipality = await db.OrgUnits.SingleAsync(u => u.Level == LedelsesInfo.Domain.UnitLevel.Municipality);
        municipality.Name = name;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_caseworker_marks_an_own_deadline_over_http_and_is_refused_with_403_and_logged_on_anothers()
    {
        using var mine = await SignIn.AsAsync(factory, "sagsbehandler", 0);
        using var other = await SignIn.AsAsync(factory, "sagsbehandler", 1);
        var ownMark = WebUtility.HtmlDecode(MarkLink().Match(await mine.GetStringAsync("/Mine")).Groups[1].Value);
        var othersMark = WebUtility.HtmlDecode(MarkLink().Match(await other.GetStringAsync("/Mine")).Groups[1].Value);
        Assert.NotEqual("", ownMark);
        Assert.NotEqual("", othersMark);
        var othersCase = System.Web.HttpUtility.ParseQueryString(othersMark[othersMark.IndexOf('?', StringComparison.Ordinal)..])["sag"];

        // The form for one's own deadline; the other's answers 403, shown and posted, and each attempt is logged.
        var form = await mine.GetStringAsync(ownMark);
        Assert.Contains("Markér en frist", form, StringComparison.Ordinal);
        var before = await LogCountAsync(e => e.Action == "nægtet" && e.CaseId == othersCase);
        Assert.Equal(HttpStatusCode.Forbidden, (await mine.GetAsync(othersMark)).StatusCode);
        var post = await mine.PostAsync(othersMark, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Mark"] = "fejl_i_data", ["Note"] = "forsøg", ["__RequestVerificationToken"] = SignIn.FormToken(form),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before + 2, await LogCountAsync(e => e.Action == "nægtet" && e.CaseId == othersCase));

        // A mark the form refuses is shown again with the reason in Danish and the deadline it is about; nothing is saved.
        var refusedMark = await mine.PostAsync(ownMark, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Mark"] = "aftalt", ["__RequestVerificationToken"] = SignIn.FormToken(form),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refusedMark.StatusCode);
        var again = await refusedMark.Content.ReadAsStringAsync();
        Assert.Contains("Skriv hvad der er aftalt med teamlederen.", again, StringComparison.Ordinal);
        Assert.Contains("med frist", again, StringComparison.Ordinal);

        // The own mark, posted with its token, leads back to the list, where it stands beside the deadline.
        var saved = await mine.PostAsync(ownMark, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Mark"] = "fejl_i_data", ["Note"] = "Startdatoen i fagsystemet er forkert", ["__RequestVerificationToken"] = SignIn.FormToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/Mine", saved.Headers.Location?.OriginalString);
        Assert.Contains("Startdatoen i fagsystemet er forkert", await mine.GetStringAsync("/Mine"), StringComparison.Ordinal);
        Assert.DoesNotContain("Startdatoen i fagsystemet er forkert", await other.GetStringAsync("/Mine"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"href=""(/Frister/Marker\?[^""]+)""")]
    private static partial Regex MarkLink();

    [Fact]
    public async Task A_caseworker_who_opens_another_caseworkers_case_gets_403_and_the_attempt_is_logged()
    {
        using var mine = await SignIn.AsAsync(factory, "sagsbehandler", 0);
        using var other = await SignIn.AsAsync(factory, "sagsbehandler", 1);
        var othersCase = CaseLink().Match(await other.GetStringAsync("/Mine")).Groups[1].Value;
        var ownCase = CaseLink().Match(await mine.GetStringAsync("/Mine")).Groups[1].Value;

        var refused = await mine.GetAsync($"/Sag/{othersCase}");
        var allowed = await mine.GetAsync($"/Sag/{ownCase}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(1, await LogCountAsync(e => e.CaseId == othersCase && e.Action == "nægtet"));
        Assert.True(await LogCountAsync(e => e.CaseId == ownCase && e.Page == "Sag" && e.Action == "vist") >= 1);
    }

    [Fact]
    public async Task Every_dashboard_table_exports_to_excel_and_csv()
    {
        using var committee = await SignIn.AsAsync(factory, "fagudvalg");
        using var leader = await SignIn.AsAsync(factory, "teamleder");

        var xlsx = await committee.GetAsync("/Fagudvalg?handler=Export&table=oekonomi&format=xlsx");
        var csv = await committee.GetAsync("/Fagudvalg?handler=Export&table=noegletal&format=csv");
        var deadlines = await leader.GetAsync("/Team?handler=Export&table=frister&format=csv");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.Matches(@"^Nøgletal;\d\. kvartal \d{4};\d\. kvartal \d{4};\d\. kvartal \d{4};Enhed;Mål;Status;Udvikling siden \d\. kvartal \d{4}\r\n", csvText.TrimStart('\uFEFF'));
        Assert.Matches(@"U2 Underretninger vurderet inden for 24 timer;\d+,\d;(\d+,\d)?;(\d+,\d)?;%;[\d,]*;(Rød|Gul|Grøn|Ingen)[^;]*;(Bedre|Dårligere|Uændret|Intet|Tallet)", csvText);
        Assert.StartsWith("Sag;Frist;Fristdato;", (await deadlines.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.True(await LogCountAsync(e => e.Action == "eksporteret") > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await committee.GetAsync("/Fagudvalg?handler=Export&table=findes-ikke&format=csv")).StatusCode);
    }

    [Fact]
    public async Task Management_drills_down_with_breadcrumbs_and_cannot_leave_its_own_department()
    {
        using var client = await SignIn.AsAsync(factory, "forvaltningsledelse");
        var top = await client.GetStringAsync("/Ledelse");
        var area = DrillLink().Match(top).Groups[1].Value;

        var html = await client.GetStringAsync($"/Ledelse?unit={area}");

        Assert.Contains("breadcrumbs__link", html, StringComparison.Ordinal);
        Assert.Contains("Team ", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Ledelse?unit=K")).StatusCode);
    }

    [Fact]
    public async Task A_switched_off_figure_disappears_from_the_audiences_dashboard()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
            var setting = await db.AudienceSettings.SingleAsync(s => s.Audience == LedelsesInfo.Domain.Audience.Committee && s.KpiCode == "H2");
            setting.Enabled = false;
            await db.SaveChangesAsync();
        }
        using var client = await SignIn.AsAsync(factory, "fagudvalg");

        var html = await client.GetStringAsync("/Fagudvalg");

        Assert.DoesNotContain("H2 Overarbejde", html, StringComparison.Ordinal);
        Assert.Contains("H1 Sygefravær", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administrator_looks_up_who_saw_a_case_and_no_one_else_may()
    {
        using var caseworker = await SignIn.AsAsync(factory, "sagsbehandler");
        var caseId = CaseLink().Match(await caseworker.GetStringAsync("/Mine")).Groups[1].Value;
        using var admin = await SignIn.AsAsync(factory, "administrator");
        using var leader = await SignIn.AsAsync(factory, "teamleder");

        var found = await admin.GetAsync($"/Admin/Adgangslog?sag={caseId}");
        var empty = await admin.GetAsync("/Admin/Adgangslog?sag=+");
        var refused = await leader.GetAsync($"/Admin/Adgangslog?sag={caseId}");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var html = await found.Content.ReadAsStringAsync();
        Assert.Contains($"<h2>Sag {caseId}</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Sagsbehandler: mine sager</td>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Skriv sagens id.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [GeneratedRegex(@"href=""/Sag/(S\d{7})[""?]")]
    private static partial Regex CaseLink();

    [GeneratedRegex(@"<th scope=""col"" class=""numeric"">\s*<a href=""\?unit=([^&""]+)&")]
    private static partial Regex DrillLink();
}
