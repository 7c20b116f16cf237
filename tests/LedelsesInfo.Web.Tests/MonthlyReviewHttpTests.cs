using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// The director's monthly review: it opens with what needs attention, each with the team it comes from; the law's deadlines
/// for the month stand beside the rolling 3 and 12 months, summed from the months; changes carry their unit and say better
/// or worse; the economy has a total row.
/// </summary>
public sealed partial class MonthlyReviewHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_review_opens_with_what_needs_attention_and_each_line_leads_to_the_team_where_it_is_worst()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");

        var page = WebUtility.HtmlDecode(await director.GetStringAsync("/Ledelse"));

        var attention = page.IndexOf("<h2 id=\"opmaerksomhed\">Det kræver opmærksomhed</h2>", StringComparison.Ordinal);
        Assert.True(attention > 0 && attention < page.IndexOf("<h2>Enhederne</h2>", StringComparison.Ordinal), "opmærksomhedslisten står ikke først");
        var list = page[attention..page.IndexOf("<h2>Lovens frister", StringComparison.Ordinal)];
        Assert.Matches("(Rød: |Dårligere: )", list);
        var team = TeamLink().Match(list);
        Assert.True(team.Success, "ingen linje fører ned til et team");
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync("/Ledelse" + team.Groups[1].Value)).StatusCode);
        Assert.Contains("<details", page[page.IndexOf("Udviklingen de seneste 24 måneder", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_laws_deadlines_stand_beside_the_rolling_3_and_12_months_summed_from_the_months()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");
        var page = WebUtility.HtmlDecode(await director.GetStringAsync("/Ledelse"));
        var unit = Regex.Match(page, "name=\"unit\" value=\"([^\"]+)\"").Groups[1].Value;
        var month = Regex.Match(page, "<option value=\"(\\d{4}-\\d{2})\" selected").Groups[1].Value;

        var csv = (await director.GetStringAsync($"/Ledelse?unit={unit}&month={month}&handler=Export&table=lovens-frister&format=csv")).TrimStart('\uFEFF');

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
        Assert.Matches(@"^Nøgletal;\w+ \d{4};3 mdr\. til og med \w+ \d{4};12 mdr\. til og med \w+ \d{4};Mål;Status for 12 måneder$", string.Join(";", lines[0]));
        Assert.Equal(KpiCatalogue.All.Where(k => k.RollingWindows).Select(k => $"{k.Code} {k.Name}"), lines.Skip(1).Select(l => l[0]));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
        var asOf = await db.KpiSnapshots.MaxAsync(s => s.AsOf);
        var months = Periods.MonthsOf(Periods.Parse($"{month}-R12")).Select(m => m.Key).ToList();
        var b1 = await db.KpiValues.Where(v => v.AsOf == asOf && v.UnitId == unit && v.KpiCode == KpiCatalogue.B1.Code && v.PeriodKind == PeriodKind.Month && months.Contains(v.Period)).ToListAsync();
        var expected = decimal.Round(100m * b1.Sum(v => v.Numerator) / b1.Sum(v => v.Denominator ?? 0), 1, MidpointRounding.AwayFromZero);
        Assert.Equal(expected.ToString("0.0", CultureInfo.GetCultureInfo("da-DK")), lines.Single(l => l[0].StartsWith(KpiCatalogue.B1.Code, StringComparison.Ordinal))[3]);
    }

    [Fact]
    public async Task A_change_carries_its_unit_and_says_better_or_worse_and_the_economy_has_a_total_row()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");

        var changes = (await director.GetStringAsync("/Ledelse?handler=Export&table=udvikling&format=csv")).TrimStart('\uFEFF');
        var economy = (await director.GetStringAsync("/Ledelse?handler=Export&table=oekonomi&format=csv")).TrimStart('\uFEFF');

        Assert.Matches(@"[+−±]\d+,\d point(, (bedre|dårligere))?", changes);
        Assert.Matches(@"H1 Sygefravær pr\. årsværk;[^\r\n]*[+−±]\d+,\d dage", changes);
        Assert.Matches(@";(Rød|Gul|Grøn): ", changes);
        Assert.Contains("\r\nI alt;", economy, StringComparison.Ordinal);
    }

    [GeneratedRegex("href=\"(\\?unit=[^\"&]+&amp;month=[^\"]+|\\?unit=[^\"&]+&month=[^\"]+)\">Team")]
    private static partial Regex TeamLink();
}
