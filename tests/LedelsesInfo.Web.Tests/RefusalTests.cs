using System.Net;
using FluentValidation;
using LedelsesInfo.Application.Features.ManagementReview;
using LedelsesInfo.Domain;
using LedelsesInfo.Web.Tests.Support;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// One way for refusals: a crafted query string is refused in Danish with 400 on the page itself, a refused POST comes
/// back as a message after a redirect, an unknown id never gives a 500.
/// </summary>
public sealed class RefusalTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("forvaltningsledelse", "/Tilsyn/Oversigt?Year=-2147483648", "Året skal være mellem 2000 og 2100.")]
    [InlineData("forvaltningsledelse", "/Tilsyn/Oversigt?Year=2147483647", "Året skal være mellem 2000 og 2100.")]
    [InlineData("teamleder", "/Tilsyn?year=99999", "Året skal være mellem 2000 og 2100.")]
    [InlineData("fagudvalg", "/Fagudvalg?quarter=2025-Q9", "Kvartalet skrives som 2025-Q1.")]
    [InlineData("fagudvalg", "/Fagudvalg?quarter=%27%3B--&handler=Export&table=overblik&format=csv", "Kvartalet skrives som 2025-Q1.")]
    [InlineData("administrator", "/Admin/Adgangslog?sag=", "Skriv sagens id.")]
    public async Task A_crafted_query_string_is_refused_on_the_page_in_danish_with_400(string audience, string url, string message)
    {
        using var client = await SignIn.AsAsync(factory, audience);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Det kunne ikke vises", page, StringComparison.Ordinal);
        Assert.Contains(message, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_naming_an_unknown_template_comes_back_to_the_page_with_the_reason()
    {
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        var token = SignIn.FormToken(await leader.GetStringAsync("/Tilsyn/Skabeloner"));

        var response = await leader.PostAsync("/Tilsyn/Skabeloner?handler=Copy", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["templateId"] = "987654321", ["name"] = "Min kopi", ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Tilsyn/Skabeloner", response.Headers.Location!.OriginalString);
        var page = await leader.GetStringAsync("/Tilsyn/Skabeloner");
        Assert.Contains("Det blev ikke gemt", page, StringComparison.Ordinal);
        Assert.Contains("Skabelonen findes ikke.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Min kopi", page, StringComparison.Ordinal);
        // The message is shown once: a reload does not repeat it.
        Assert.DoesNotContain("Skabelonen findes ikke.", await leader.GetStringAsync("/Tilsyn/Skabeloner"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_with_an_unknown_review_mode_is_refused_by_the_validator_not_the_page()
    {
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        var token = SignIn.FormToken(await leader.GetStringAsync("/Tilsyn"));

        var response = await leader.PostAsync("/Tilsyn?handler=Plan", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["year"] = "2024", ["sampleSize"] = "3", ["mode"] = "findes-ikke", ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Vælg en form for gennemgangen.", await leader.GetStringAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.DoesNotContain("Årshjulet for 2024 er planlagt", await leader.GetStringAsync("/Tilsyn?year=2024"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_validation_behaviour_refuses_a_year_out_of_range_through_the_mediator_as_the_team_leader()
    {
        var leader = await factory.EmployeeAsync(EmployeeRole.TeamLeader);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => factory.SendAsync<TeamYear>(new GetRounds(-5), leader));
        var year = await factory.SendAsync<TeamYear>(new GetRounds(DateTime.Today.Year), leader);

        Assert.Equal("Året skal være mellem 2000 og 2100.", Assert.Single(refused.Errors).ErrorMessage);
        Assert.Equal(DateTime.Today.Year, year.Year);
        Assert.False(string.IsNullOrEmpty(year.TeamName));
    }
}
