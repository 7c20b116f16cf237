using System.Net;
using System.Text.RegularExpressions;

namespace LedelsesInfo.Web.Tests;

/// <summary>Management supervision through the forms a team leader uses, and who may see what.</summary>
public sealed partial class ManagementReviewHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string pageForToken, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = SignIn.FormToken(await client.GetStringAsync(pageForToken));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_demo_municipality_has_a_year_of_signed_off_rounds()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");

        var overview = await director.GetStringAsync($"/Tilsyn/Oversigt?year={DateTime.Today.Year - 1}");

        Assert.Matches(@"\d+ af \d+", overview);
        Assert.Contains("Handlingsplaner", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_leader_plans_the_year_draws_answers_signs_off_and_the_committee_sees_x_of_y()
    {
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        var plan = await PostAsync(leader, "/Tilsyn?handler=Plan", "/Tilsyn?year=2023", new()
        {
            ["year"] = "2023", ["sampleSize"] = "2", ["mode"] = "kontrol",
        });
        Assert.Equal(HttpStatusCode.Redirect, plan.StatusCode);
        var year = await leader.GetStringAsync("/Tilsyn?year=2023");
        Assert.Contains("Årshjulet for 2023 er planlagt: fire runder.", year, StringComparison.Ordinal);
        var roundUrl = RoundLink().Match(year).Groups[1].Value;

        await PostAsync(leader, $"{roundUrl}?handler=Draw", roundUrl, []);
        var round = await leader.GetStringAsync(roundUrl);
        Assert.Contains("2 sager er trukket.", round, StringComparison.Ordinal);
        Assert.Contains("har ikke haft en sag gennemgået i år", round, StringComparison.Ordinal);

        // Answer every question of both cases: "ja" to all, except "nej" on the first question of the first case.
        var caseIds = CaseIdField().Matches(round).Select(m => m.Groups[1].Value).Distinct().ToList();
        var questions = QuestionField().Matches(round).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(2, caseIds.Count);
        foreach (var reviewCase in caseIds)
        {
            var fields = questions.ToDictionary(q => $"a{q}", _ => "ja");
            if (reviewCase == caseIds[0])
            {
                fields[$"a{questions[0]}"] = "nej";
            }
            fields["reviewCaseId"] = reviewCase;
            await PostAsync(leader, $"{roundUrl}?handler=Answer", roundUrl, fields);
        }
        var signOff = await PostAsync(leader, $"{roundUrl}?handler=SignOff", roundUrl, new() { ["learning"] = "Husk fristen på 4 måneder.", ["reflection"] = "Hvad gør vi, når en undersøgelse trækker ud?" });
        Assert.Equal(HttpStatusCode.Redirect, signOff.StatusCode);
        var signed = await leader.GetStringAsync(roundUrl);
        Assert.Contains("Runden er afsluttet.", signed, StringComparison.Ordinal);
        Assert.Contains(">1</td>", signed, StringComparison.Ordinal); // one "ja" of two on the first question
        Assert.DoesNotContain("Gem svar for sag", signed, StringComparison.Ordinal); // read-only

        var export = await leader.GetAsync($"{roundUrl}?handler=Export&table=svar&format=xlsx");
        Assert.Equal("PK"u8.ToArray(), (await export.Content.ReadAsByteArrayAsync())[..2]);

        using var committee = await SignIn.AsAsync(factory, "fagudvalg");
        var report = await committee.GetStringAsync("/Fagudvalg?quarter=2023-Q4");
        Assert.Contains("<h2>Ledelsestilsyn</h2>", report, StringComparison.Ordinal);
        Assert.Contains("&lt;5", report, StringComparison.Ordinal); // 1 af 2 and 2 af 2 are small numbers
        Assert.DoesNotMatch(@"\bS\d{7}\b", report);

        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");
        var overview = await director.GetStringAsync("/Tilsyn/Oversigt?year=2023");
        Assert.Contains("Team Nord", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("Team Syd", overview, StringComparison.Ordinal); // another department's teams
        Assert.Contains("Kommunen år for år", overview, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sagsbehandler", "/Tilsyn")]
    [InlineData("fagudvalg", "/Tilsyn")]
    [InlineData("forvaltningsledelse", "/Tilsyn")]
    [InlineData("teamleder", "/Tilsyn/Oversigt")]
    [InlineData("sagsbehandler", "/Tilsyn/Oversigt")]
    public async Task Review_pages_open_only_for_their_audience(string audience, string path)
    {
        using var client = await SignIn.AsAsync(factory, audience);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Another_teams_leader_cannot_open_a_round()
    {
        using var leader = await SignIn.AsAsync(factory, "teamleder", 0);
        await PostAsync(leader, "/Tilsyn?handler=Plan", "/Tilsyn?year=2024", new() { ["year"] = "2024", ["sampleSize"] = "1", ["mode"] = "dialog" });
        var roundUrl = RoundLink().Match(await leader.GetStringAsync("/Tilsyn?year=2024")).Groups[1].Value;
        using var other = await SignIn.AsAsync(factory, "teamleder", 1);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(roundUrl)).StatusCode);
    }

    [GeneratedRegex(@"href=""(/Tilsyn/Runde/\d+)""")]
    private static partial Regex RoundLink();

    [GeneratedRegex(@"name=""reviewCaseId"" value=""(\d+)""")]
    private static partial Regex CaseIdField();

    [GeneratedRegex(@"name=""a(\d+)""")]
    private static partial Regex QuestionField();
}
