using LedelsesInfo.Web.Infrastructure;

namespace LedelsesInfo.Web.Tests;

public sealed class CaseSystemLinkTests
{
    [Theory]
    [InlineData("S0001044", "https://fagsystem.kommune.dk/sag/S0001044")]
    [InlineData("2024/117 B", "https://fagsystem.kommune.dk/sag/2024%2F117%20B")]
    [InlineData("S1?x=1&y=<a>#z", "https://fagsystem.kommune.dk/sag/S1%3Fx%3D1%26y%3D%3Ca%3E%23z")]
    [InlineData("../../admin", "https://fagsystem.kommune.dk/sag/..%2F..%2Fadmin")]
    public void The_case_id_is_escaped_into_the_template_as_one_segment(string caseId, string expected) =>
        Assert.Equal(expected, new CaseSystemLinks("https://fagsystem.kommune.dk/sag/{caseId}").For(caseId));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://fagsystem.kommune.dk/sag/")]          // no {caseId}
    [InlineData("javascript:alert({caseId})")]                 // not http(s)
    [InlineData("/sag/{caseId}")]                              // not absolute
    public void Without_a_usable_template_there_are_no_links(string? template)
    {
        var links = new CaseSystemLinks(template);
        Assert.False(links.Enabled);
        Assert.Null(links.For("S1"));
    }

    [Theory]
    [InlineData("/Team?week=2026-W49&caseworker=M0010", "/Team?week=2026-W49&caseworker=M0010")]
    [InlineData("https://evil.example/", null)]
    [InlineData("//evil.example/", null)]
    [InlineData("/\\evil.example/", null)]
    [InlineData("javascript:alert(1)", null)]
    public void The_way_back_is_only_ever_a_page_of_the_portal(string url, string? expected) => Assert.Equal(expected, ReturnUrl.Local(url));
}
