using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// From a note to action and follow-up, through the forms a leader uses (antiforgery and all): an action's follow-up read
/// from the same values the page's chart shows, the action on its owner's page until it is done, who may write and
/// see actions, notes as markers on the charts (committee only what is marked for it), expectations before the figure
/// and beside it once it has come, withdrawal, and the export of notes and actions with formulas neutralised.
/// Part of <see cref="FigureNoteHttpTests"/>, so the same seeded portal serves both.
/// </summary>
public sealed partial class FigureNoteHttpTests
{
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");

    private static string Percent(decimal value) => value.ToString("N1", Da) + " %";

    private static string MonthName(string key) => new DateTime(int.Parse(key[..4], CultureInfo.InvariantCulture), int.Parse(key[5..7], CultureInfo.InvariantCulture), 1).ToString("MMMM yyyy", Da);

    private static (string Unit, string Month) Selected(string ledelse) =>
        (Regex.Match(ledelse, "name=\"unit\" value=\"([^\"]+)\"").Groups[1].Value, Regex.Match(ledelse, "<option value=\"(\\d{4}-\\d{2})\" selected").Groups[1].Value);

    private static (List<string> Periods, List<decimal?> Values, JsonElement Json) Trend(string page, string code)
    {
        var chart = Forms.Chart(page, $"trend-{code}");
        return (chart.GetProperty("periods").EnumerateArray().Select(p => p.GetString()!).ToList(),
            chart.GetProperty("series")[0].GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (decimal?)null : v.GetDecimal()).ToList(), chart);
    }

    private async Task<long> NoteIdAsync(string interpretation)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().FigureNotes.Where(n => n.Interpretation == interpretation).Select(n => n.Id).SingleAsync();
    }

    [Fact]
    public async Task An_action_is_followed_up_with_the_values_the_chart_shows_and_stays_on_its_owners_page_until_done()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");
        var page = await director.GetStringAsync("/Ledelse");
        var (unit, month) = Selected(page);
        var (periods, values, _) = Trend(page, "F1");
        var startIndex = Enumerable.Range(0, periods.Count - 1).Last(i => values[i] is not null && i < periods.Count - 3);
        var start = periods[startIndex];
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(director, $"/Bemaerkninger/Skriv?noegletal=F1&enhed={unit}&periode={start}&tilbage=/Ledelse",
            new() { ["Interpretation"] = "Opfølgningerne skal op igen efter sommeren." })).StatusCode);
        var note = await NoteIdAsync("Opfølgningerne skal op igen efter sommeren.");

        // The form offers the unit's people and those below it; a team leader who can sign in owns the action.
        var form = await director.GetStringAsync($"/Handlinger/Ny?note={note}&tilbage=/Handlinger");
        var leaders = await SignIn.EmployeeIdsAsync(factory, "teamleder");
        var owner = Regex.Matches(form, "<option value=\"(M\\d+)\"").Select(m => m.Groups[1].Value).First(leaders.Contains);
        var today = LedelsesInfo.Application.Abstractions.DanishClock.Instance.Today; // the portal's date, not the server's
        var targetBy = today.AddMonths(5);
        var saved = await Forms.PostAsync(director, $"/Handlinger/Ny?note={note}&tilbage=/Handlinger", new()
        {
            ["What"] = "Gennemgå opfølgningerne på hvert teammøde", ["Owner"] = owner, ["DueOn"] = today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["KpiCode"] = "F1", ["Direction"] = "op", ["TargetValue"] = "90", ["TargetBy"] = targetBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The follow-up: from the chart's value in the start month to its newest value after it, against the aim.
        var latestIndex = Enumerable.Range(startIndex + 1, periods.Count - startIndex - 1).Last(i => values[i] is not null);
        var (from, to) = (values[startIndex]!.Value, values[latestIndex]!.Value);
        var change = from == to ? $"F1 er uændret {Percent(to)}" : $"F1 er {(to > from ? "steget" : "faldet")} fra {Percent(from)} til {Percent(to)}";
        var list = Forms.Text(await director.GetStringAsync("/Handlinger"));
        var dueSoon = list[list.IndexOf("Frist inden for en uge (", StringComparison.Ordinal)..];
        Assert.Contains($"{change} ({MonthName(start)} til {MonthName(periods[latestIndex])}); målet var 90,0 % i {MonthName(targetBy.ToString("yyyy-MM", CultureInfo.InvariantCulture))}.", dueSoon, StringComparison.Ordinal);
        Assert.Contains("Gennemgå opfølgningerne på hvert teammøde", dueSoon, StringComparison.Ordinal);
        // The note on the page shows its action too.
        Assert.Contains("Gennemgå opfølgningerne på hvert teammøde (ansvarlig", Forms.Text(await director.GetStringAsync($"/Ledelse?unit={unit}&month={start}")), StringComparison.Ordinal);

        // The owner finds it on the own page, marks it done, and it leaves the page.
        using var ownerClient = await SignIn.AsAsync(factory, "teamleder", leaders.IndexOf(owner));
        var team = Forms.Text(await ownerClient.GetStringAsync("/Team"));
        Assert.Contains("Dine handlinger med frist nu", team, StringComparison.Ordinal);
        Assert.Contains("Gennemgå opfølgningerne på hvert teammøde", team, StringComparison.Ordinal);
        long actionId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            actionId = await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().FigureActions.Where(a => a.NoteId == note).Select(a => a.Id).SingleAsync();
        }
        var done = await Forms.PostAsync(ownerClient, "/Handlinger?mine=1", new() { ["id"] = $"{actionId}" }, "/Handlinger?mine=1&handler=Done");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var mine = Forms.Text(await ownerClient.GetStringAsync("/Handlinger?mine=1"));
        Assert.Contains("Handlingen \"Gennemgå opfølgningerne på hvert teammøde\" er markeret som udført.", mine, StringComparison.Ordinal);
        Assert.Contains("Gennemgå opfølgningerne på hvert teammøde", mine[mine.IndexOf("Udført (", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("Gennemgå opfølgningerne på hvert teammøde", Forms.Text(await ownerClient.GetStringAsync("/Team")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actions_are_written_only_on_the_own_units_notes_to_its_own_people_and_bad_input_is_refused_in_danish()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        var (unit, month) = Selected(await director.GetStringAsync("/Ledelse"));
        await Forms.PostAsync(director, $"/Bemaerkninger/Skriv?noegletal=U2&enhed={unit}&periode={month}&tilbage=/Ledelse", new() { ["Interpretation"] = "Vurderingerne tager for lang tid." });
        var note = await NoteIdAsync("Vurderingerne tager for lang tid.");

        // A team leader may not act on the department's note: refused shown and posted, and logged.
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/Handlinger/Ny?note={note}")).StatusCode);
        var token = SignIn.FormToken(await leader.GetStringAsync("/Handlinger"));
        var posted = await leader.PostAsync("/Handlinger/Ny", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["note"] = $"{note}", ["What"] = "Forsøg", ["Owner"] = "M0001", ["DueOn"] = "2027-01-01",
            ["KpiCode"] = "U2", ["Direction"] = "op", ["TargetBy"] = "2027-06-01",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);

        // The director: an owner outside the department, a CPR number, a target that is no number, no direction.
        string outsider;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
            var units = await db.OrgUnits.Select(u => new { u.Id, u.ParentId }).ToListAsync();
            var below = new HashSet<string> { unit };
            for (var grown = true; grown;)
            {
                grown = units.Where(u => u.ParentId is not null && below.Contains(u.ParentId) && !below.Contains(u.Id)).Select(u => below.Add(u.Id)).ToList().Count > 0;
            }
            outsider = await db.Employees.Where(e => !below.Contains(e.UnitId) && e.Role == EmployeeRole.Caseworker).Select(e => e.Id).FirstAsync();
            Assert.True(await db.AccessLog.AnyAsync(a => a.Action == "nægtet" && a.Page.Contains($"bemærkning {note}")));
        }
        var form = $"/Handlinger/Ny?note={note}&tilbage=/Handlinger";
        var refused = await Forms.PostAsync(director, form, new()
        {
            ["What"] = "Ring til barnet 010203-1234", ["Owner"] = outsider, ["DueOn"] = "2027-01-01", ["KpiCode"] = "U2", ["TargetValue"] = "halvfems", ["TargetBy"] = "2027-06-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var text = Forms.Text(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Handlingen ser ud til at indeholde et CPR-nummer.", text, StringComparison.Ordinal);
        Assert.Contains("Skriv målet som et tal, fx 80 eller 72,5", text, StringComparison.Ordinal);
        Assert.Contains("Vælg om tallet skal stige eller falde.", text, StringComparison.Ordinal);
        Assert.Contains("Ring til barnet 010203-1234", text, StringComparison.Ordinal); // the input is kept in the form
        var outside = await Forms.PostAsync(director, form, new()
        {
            ["What"] = "Gennemgå vagtplanen", ["Owner"] = outsider, ["DueOn"] = "2027-01-01", ["KpiCode"] = "U2", ["Direction"] = "op", ["TargetValue"] = "95,5", ["TargetBy"] = "2027-06-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("Den ansvarlige skal være en medarbejder i enheden eller under den.", Forms.Text(await outside.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().FigureActions.AnyAsync(a => a.NoteId == note));
        }

        // A caseworker reads the own actions; another unit's list is refused.
        using var caseworker = await SignIn.AsAsync(factory, "sagsbehandler");
        Assert.Contains("Mine handlinger", Forms.Text(await caseworker.GetStringAsync("/Handlinger")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.GetAsync($"/Handlinger?enhed={unit}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/Handlinger?enhed={unit}")).StatusCode);
        using var committee = await SignIn.AsAsync(factory, "fagudvalg");
        Assert.Equal(HttpStatusCode.Forbidden, (await committee.GetAsync("/Handlinger")).StatusCode);
    }

    [Fact]
    public async Task A_note_is_a_marker_on_its_charts_point_with_its_text_in_words_and_in_the_table_and_the_committee_sees_only_its_own()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");
        var (unit, _) = Selected(await director.GetStringAsync("/Ledelse"));
        var (periods, _, _) = Trend(await director.GetStringAsync("/Ledelse"), "U3");
        var marked = periods[^4];
        await Forms.PostAsync(director, $"/Bemaerkninger/Skriv?noegletal=U3&enhed={unit}&periode={marked}&tilbage=/Ledelse", new() { ["Interpretation"] = "Ny vagtordning for underretninger fra denne måned." });

        var page = await director.GetStringAsync("/Ledelse");
        var (_, _, json) = Trend(page, "U3");
        var markers = json.GetProperty("markers").EnumerateArray().Select(m => (m.GetProperty("index").GetInt32(), m.GetProperty("text").GetString())).ToList();
        Assert.Contains((periods.Count - 4, "Ny vagtordning for underretninger fra denne måned."), markers);
        var label = json.GetProperty("labels")[periods.Count - 4].GetString();
        var figure = Regex.Match(page, "<figure class=\"chart\" aria-labelledby=\"trend-U3-titel\">.*?</figure>", RegexOptions.Singleline).Value;
        Assert.Matches($"aria-label=\"[^\"]*Bemærkninger i grafen: [^\"]*{Regex.Escape(label!)}: Ny vagtordning for underretninger fra denne måned\\.", WebUtility.HtmlDecode(figure));
        Assert.Contains($"{label} ", Forms.Text(figure), StringComparison.Ordinal);
        Assert.Matches(new Regex($"<th scope=\"row\">{Regex.Escape(label!)}</th>((?!</tr>).)*<td class=\"chart__marker\">\\s*<span aria-hidden=\"true\">▲ </span>Ny vagtordning", RegexOptions.Singleline), WebUtility.HtmlDecode(figure));

        // The committee's charts carry the notes marked for it, and no other.
        using var admin = await SignIn.AsAsync(factory, "administrator");
        var paper = await admin.GetStringAsync("/Fagudvalg");
        var municipality = Regex.Match(paper, "name=\"enhed\" value=\"([^\"]+)\"").Groups[1].Value;
        var quarters = Trend(paper, "U3").Periods;
        await Forms.PostAsync(admin, $"/Bemaerkninger/Skriv?noegletal=U3&enhed={municipality}&periode={quarters[^3]}&tilbage=/Fagudvalg",
            new() { ["Interpretation"] = "Til udvalget: vagtordningen virker.", ["ForCommittee"] = "true" });
        await Forms.PostAsync(admin, $"/Bemaerkninger/Skriv?noegletal=U3&enhed={municipality}&periode={quarters[^3]}&tilbage=/Fagudvalg",
            new() { ["Interpretation"] = "Intern: vagtordningen koster overtid." });
        using var committee = await SignIn.AsAsync(factory, "fagudvalg");
        var committeeMarkers = Trend(await committee.GetStringAsync("/Fagudvalg"), "U3").Json.GetProperty("markers").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Contains("Til udvalget: vagtordningen virker.", committeeMarkers);
        Assert.DoesNotContain(committeeMarkers, t => t!.Contains("overtid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expectation_is_written_before_the_figure_comes_and_shown_beside_the_result_once_it_has()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");
        var page = await director.GetStringAsync("/Ledelse");
        var (unit, month) = Selected(page);
        var next = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        // The month shown has its figure already: refused, in Danish, the form kept.
        var late = await Forms.PostAsync(director, $"/Bemaerkninger/Forventning?noegletal=A1&enhed={unit}&periode={month}&tilbage=/Ledelse",
            new() { ["Value"] = "4,5", ["Reason"] = "Sygefraværet plejer at stige i efteråret." });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains($"Tallet for {MonthName(month)} er allerede kommet.", Forms.Text(await late.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var saved = await Forms.PostAsync(director, $"/Bemaerkninger/Forventning?noegletal=F1&enhed={unit}&periode={next}&tilbage=/Ledelse",
            new() { ["Value"] = "85,5", ["Direction"] = "op", ["Reason"] = "To nye sagsbehandlere er startet." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var shown = Forms.Text(await director.GetStringAsync("/Ledelse"));
        Assert.Contains($"{MonthName(next)}: forventet 85,5 % (at tallet vil stige i forhold til {MonthName(month)}). Begrundelse: To nye sagsbehandlere er startet. Tallet er ikke kommet endnu.", shown, StringComparison.Ordinal);

        // When the figure has come, the result stands beside what was expected: the value the chart shows for the month.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
            db.FigureExpectations.Add(new FigureExpectation
            {
                KpiCode = KpiCatalogue.F1.Code, UnitId = unit, PeriodKind = PeriodKind.Month, Period = month, Value = 50m, Reason = "Skrevet før tallet kom.",
                WrittenBy = "test", WrittenAt = DateTime.Now.AddDays(-40),
            });
            await db.SaveChangesAsync();
        }
        var (_, values, _) = Trend(page, "F1");
        var result = values[^1]!.Value;
        var difference = Math.Abs(result - 50m).ToString("N1", Da);
        Assert.Contains($"forventet 50,0 %. Begrundelse: Skrevet før tallet kom. Resultat: {Percent(result)}, {difference} point {(result > 50 ? "over" : "under")} det forventede.",
            Forms.Text(await director.GetStringAsync("/Ledelse")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawn_note_leaves_the_page_but_stays_in_the_export_whose_free_text_cannot_run_as_a_formula()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");
        var (unit, month) = Selected(await director.GetStringAsync("/Ledelse"));
        await Forms.PostAsync(director, $"/Bemaerkninger/Skriv?noegletal=O1&enhed={unit}&periode={month}&tilbage=/Ledelse",
            new() { ["Interpretation"] = "=HYPERLINK(\"http://x\";\"klik\") Forbruget er over budget" });
        var note = await NoteIdAsync("=HYPERLINK(\"http://x\";\"klik\") Forbruget er over budget");
        var owner = Regex.Match(await director.GetStringAsync($"/Handlinger/Ny?note={note}"), "<option value=\"(M\\d+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(director, $"/Handlinger/Ny?note={note}", new()
        {
            ["What"] = "+Gennemgå dyre anbringelser", ["Owner"] = owner, ["DueOn"] = "2027-02-01", ["KpiCode"] = "O1", ["Direction"] = "ned", ["TargetBy"] = "2027-06-30",
        })).StatusCode);

        var withdrawn = await Forms.PostAsync(director, $"/Bemaerkninger/Skriv?id={note}&tilbage=/Ledelse", new(), "/Bemaerkninger/Skriv?handler=Withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.DoesNotContain("Forbruget er over budget", Forms.Text(await director.GetStringAsync("/Ledelse")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/Bemaerkninger/Skriv?id={note}")).StatusCode);

        var export = $"/Handlinger?enhed={unit}&handler=Export&fra={month}&til={month}";
        var notes = await (await director.GetAsync(export + "&table=bemaerkninger&format=csv")).Content.ReadAsStringAsync();
        var row = notes.Split('\n').Single(l => l.Contains("Forbruget er over budget", StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\") Forbruget er over budget\"", row, StringComparison.Ordinal);
        Assert.Matches(@";\d{4}-\d{2}-\d{2}\r?$", row); // the day it was withdrawn, in the last column
        var actions = await (await director.GetAsync(export + "&table=handlinger&format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("'+Gennemgå dyre anbringelser", actions, StringComparison.Ordinal);
        Assert.Contains("O1 skal falde inden juni 2027", actions, StringComparison.Ordinal);
        var xlsx = await director.GetAsync(export + "&table=handlinger&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);

        var badMonths = await director.GetAsync($"/Handlinger?enhed={unit}&handler=Export&table=handlinger&format=csv&fra=2026-13&til=2026-01");
        Assert.Equal(HttpStatusCode.BadRequest, badMonths.StatusCode);
        Assert.Contains("Skriv fra-måneden som åååå-mm, fx 2026-01.", Forms.Text(await badMonths.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
