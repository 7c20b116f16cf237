using System.Net;
using System.Text.RegularExpressions;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// Notes on a figure through the forms a leader uses, with the antiforgery token: who may write on which unit, who sees
/// which note, the committee's paper showing only what is marked for it, text kept as text, CPR numbers refused, and the
/// version before an edit kept.
/// </summary>
public sealed partial class FigureNoteHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task<HttpResponseMessage> WriteAsync(HttpClient client, string formUrl, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(formUrl);
        fields["__RequestVerificationToken"] = SignIn.FormToken(form);
        foreach (var hidden in HiddenField().Matches(form).Where(m => !fields.ContainsKey(m.Groups[1].Value)))
        {
            fields[hidden.Groups[1].Value] = WebUtility.HtmlDecode(hidden.Groups[2].Value);
        }
        return await client.PostAsync("/Bemaerkninger/Skriv", new FormUrlEncodedContent(fields));
    }

    private async Task<(string Team, string OtherTeam, string Department)> UnitsAsync(HttpClient leader, HttpClient director)
    {
        var team = Regex.Match(await leader.GetStringAsync("/Team"), "name=\"enhed\" value=\"([^\"]+)\"").Groups[1].Value;
        var department = Regex.Match(await director.GetStringAsync("/Ledelse"), "name=\"unit\" value=\"([^\"]+)\"").Groups[1].Value;
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
        var other = await db.OrgUnits.Where(u => u.Level == UnitLevel.Team && u.Id != team).Select(u => u.Id).FirstAsync();
        return (team, other, department);
    }

    [Fact]
    public async Task A_team_leader_writes_on_the_own_teams_figure_the_caseworker_sees_it_and_another_team_is_refused_and_logged()
    {
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");
        var (team, otherTeam, _) = await UnitsAsync(leader, director);
        var week = Regex.Match(await leader.GetStringAsync("/Team"), "name=\"periode\" value=\"([^\"]+)\"").Groups[1].Value;

        var saved = await WriteAsync(leader, $"/Bemaerkninger/Skriv?noegletal=F1&enhed={team}&periode={week}&tilbage=/Team", new()
        {
            ["Interpretation"] = "Opfølgningerne halter efter to sygemeldinger <script>alert(1)</script>",
            ["Explanations[0].Text"] = "=HYPERLINK(\"http://x\") To medarbejdere sygemeldt",
            ["Explanations[0].Source"] = "intern",
            ["Explanations[0].Scope"] = "individuel",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/Team", saved.Headers.Location!.OriginalString);
        var teamPage = await leader.GetStringAsync("/Team");
        Assert.Contains("Opfølgningerne halter efter to sygemeldinger &lt;script&gt;", teamPage, StringComparison.Ordinal);
        Assert.Contains("Intern, individuel:</span> =HYPERLINK", WebUtility.HtmlDecode(teamPage), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", teamPage, StringComparison.Ordinal);

        // The caseworker of the same team reads it on the own page; one of another team does not.
        var caseworkers = await SignIn.EmployeeIdsAsync(factory, "sagsbehandler");
        string? seenBy = null, notSeenBy = null;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
            var units = await db.Employees.Where(e => caseworkers.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.UnitId);
            seenBy = caseworkers.First(c => units[c] == team);
            notSeenBy = caseworkers.First(c => units[c] != team);
        }
        using (var own = await SignIn.AsAsync(factory, "sagsbehandler", caseworkers.IndexOf(seenBy)))
        {
            Assert.Contains("Opfølgningerne halter", await own.GetStringAsync("/Mine"), StringComparison.Ordinal);
        }
        using (var other = await SignIn.AsAsync(factory, "sagsbehandler", caseworkers.IndexOf(notSeenBy)))
        {
            Assert.DoesNotContain("Opfølgningerne halter", await other.GetStringAsync("/Mine"), StringComparison.Ordinal);
        }

        // Another team's figure: refused shown and posted, each attempt logged.
        var form = await leader.GetAsync($"/Bemaerkninger/Skriv?noegletal=F1&enhed={otherTeam}&periode={week}");
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        var token = SignIn.FormToken(await leader.GetStringAsync("/Team"));
        var post = await leader.PostAsync("/Bemaerkninger/Skriv", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["noegletal"] = KpiCatalogue.F1.Code, ["enhed"] = otherTeam, ["periode"] = week, ["Interpretation"] = "Forsøg",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
            Assert.False(await db.FigureNotes.AnyAsync(n => n.UnitId == otherTeam && n.Interpretation == "Forsøg"));
            Assert.True(await db.AccessLog.CountAsync(a => a.Action == "nægtet" && a.Page.Contains(otherTeam)) >= 2);
        }
    }

    [Fact]
    public async Task The_committee_sees_only_the_notes_marked_for_it_without_the_writers_name()
    {
        using var admin = await SignIn.AsAsync(factory, "administrator");
        using var committee = await SignIn.AsAsync(factory, "fagudvalg");
        var paper = await admin.GetStringAsync("/Fagudvalg");
        var municipality = Regex.Match(paper, "name=\"enhed\" value=\"([^\"]+)\"").Groups[1].Value;
        var quarter = Regex.Match(paper, "name=\"periode\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(municipality);

        await WriteAsync(admin, $"/Bemaerkninger/Skriv?noegletal=B1&enhed={municipality}&periode={quarter}&tilbage=/Fagudvalg", new()
        {
            ["Interpretation"] = "Undersøgelserne er steget markant efter den nye visitation.", ["ForCommittee"] = "true",
            ["Explanations[0].Text"] = "Ny visitationsmodel fra 1. august", ["Explanations[0].Source"] = "intern", ["Explanations[0].Scope"] = "kollektiv",
        });
        await WriteAsync(admin, $"/Bemaerkninger/Skriv?noegletal=U2&enhed={municipality}&periode={quarter}&tilbage=/Fagudvalg", new()
        {
            ["Interpretation"] = "Intern arbejdsnote om vagtordningen.",
        });

        var seen = Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(await committee.GetStringAsync("/Fagudvalg"), "<[^>]+>", " ")), @"\s+", " ");
        var comments = seen[seen.IndexOf("Forvaltningens bemærkninger", StringComparison.Ordinal)..];
        Assert.Contains("Undersøgelserne er steget markant efter den nye visitation.", comments, StringComparison.Ordinal);
        Assert.Contains("Intern, kollektiv: Ny visitationsmodel fra 1. august", comments, StringComparison.Ordinal);
        Assert.DoesNotContain("Intern arbejdsnote", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Skriv en bemærkning", seen, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
        var writer = await db.FigureNotes.Where(n => n.Interpretation.StartsWith("Undersøgelserne er steget markant")).Select(n => n.WrittenBy).SingleAsync();
        Assert.DoesNotContain(writer, comments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cpr_number_is_refused_in_danish_and_an_edit_keeps_the_version_before_it()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");
        var page = await director.GetStringAsync("/Ledelse");
        var unit = Regex.Match(page, "name=\"unit\" value=\"([^\"]+)\"").Groups[1].Value;
        var month = Regex.Match(page, "<option value=\"(\\d{4}-\\d{2})\" selected").Groups[1].Value;
        var form = $"/Bemaerkninger/Skriv?noegletal=H1&enhed={unit}&periode={month}&tilbage=/Ledelse";

        var refused = await WriteAsync(director, form, new() { ["Interpretation"] = "Barnet 010203-1234 har mange skift" });
        var refusedPage = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ser ud til at indeholde et CPR-nummer", refusedPage, StringComparison.Ordinal);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().FigureNotes.AnyAsync(n => n.Interpretation.Contains("010203")));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await WriteAsync(director, form, new() { ["Interpretation"] = "Sygefraværet steg i efteråret." })).StatusCode);
        long id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().FigureNotes.Where(n => n.Interpretation == "Sygefraværet steg i efteråret." && n.UnitId == unit).Select(n => n.Id).SingleAsync();
        }
        Assert.Equal(HttpStatusCode.Redirect, (await WriteAsync(director, $"/Bemaerkninger/Skriv?id={id}&tilbage=/Ledelse", new() { ["Interpretation"] = "Sygefraværet steg i efteråret, mest i ét team." })).StatusCode);

        var shown = WebUtility.HtmlDecode(await director.GetStringAsync("/Ledelse"));
        Assert.Contains("Sygefraværet steg i efteråret, mest i ét team.", shown, StringComparison.Ordinal);
        Assert.Contains("(udgave 2)", shown, StringComparison.Ordinal);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var before = await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().FigureNoteVersions.SingleAsync(v => v.NoteId == id);
            Assert.Equal((1, "Sygefraværet steg i efteråret."), (before.Version, before.Interpretation));
        }
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([a-z]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
