using System.Text.RegularExpressions;

namespace LedelsesInfo.Web.Tests;

/// <summary>Danish as a reader expects it on the pages: a unit level in its definite form, never the level plus "en".</summary>
public sealed partial class WordingHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_management_page_names_its_unit_in_the_definite_form()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");

        var page = await director.GetStringAsync("/Ledelse");

        Assert.Matches(DefiniteLead(), page);
        Assert.DoesNotMatch(WrongForm(), page);
    }

    [GeneratedRegex("Månedens nøgletal for (kommunen|forvaltningen|afdelingen|teamet) og enhederne under den")]
    private static partial Regex DefiniteLead();

    [GeneratedRegex("kommuneen|forvaltningen en|teamen\\b|afdelingenen")]
    private static partial Regex WrongForm();
}
