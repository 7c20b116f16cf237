using System.Net;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LedelsesInfo.Infrastructure.Tests;

namespace LedelsesInfo.Web.Tests;

/// <summary>The access log through real requests: every case shown or exported is logged with the right action, refusals with what was asked, and nothing else.</summary>
public sealed class AccessLogHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<List<LoggedLine>> LinesAfterAsync(long id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().AccessLog.Where(a => a.Id > id).LinesAsync();
    }

    private async Task<long> LastIdAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().AccessLog.MaxAsync(a => (long?)a.Id) ?? 0;
    }

    [Fact]
    public async Task A_refusal_by_role_is_logged_with_the_page_asked_for_as_the_error_page_says()
    {
        using var caseworker = await SignIn.AsAsync(factory, "sagsbehandler");
        var before = await LastIdAsync();

        var response = await caseworker.GetAsync("/Admin/Adgangslog?sag=S0000001");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Forsøget er registreret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var line = Assert.Single(await LinesAfterAsync(before));
        Assert.Equal(("nægtet", "Adgang nægtet af rollen: /Admin/Adgangslog?sag=S0000001", null), (line.Action, line.Page, line.CaseId));
    }

    [Fact]
    public async Task A_refusal_for_another_team_names_the_team_asked_for()
    {
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
        var own = await db.Employees.Where(e => e.Role == Domain.EmployeeRole.TeamLeader).OrderBy(e => e.Name).Select(e => e.UnitId).ToListAsync();
        var other = await db.OrgUnits.Where(u => u.Level == Domain.UnitLevel.Team && !own.Contains(u.Id)).Select(u => u.Id).FirstOrDefaultAsync()
            ?? await db.OrgUnits.Where(u => u.Level == Domain.UnitLevel.Team).OrderByDescending(u => u.Id).Select(u => u.Id).FirstAsync();
        var before = await LastIdAsync();

        var response = await leader.GetAsync($"/Team?team={other}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var line = Assert.Single(await LinesAfterAsync(before));
        Assert.Equal("nægtet", line.Action);
        Assert.EndsWith($"teamet {other}", line.Page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_logs_only_the_cases_in_the_exported_table_as_exported()
    {
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        await leader.GetStringAsync("/Team");

        var before = await LastIdAsync();
        var caseload = await leader.GetAsync("/Team?handler=Export&table=sagstal&format=csv");
        Assert.Equal(HttpStatusCode.OK, caseload.StatusCode);
        Assert.Empty(await LinesAfterAsync(before));

        var deadlines = await leader.GetAsync("/Team?handler=Export&table=frister&format=csv");
        var csv = await deadlines.Content.ReadAsStringAsync();
        var lines = await LinesAfterAsync(before);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal("eksporteret", l.Action));
        Assert.All(lines, l => Assert.Contains(l.CaseId!, csv, StringComparison.Ordinal));
        Assert.Equal(lines.Count, lines.Select(l => l.CaseId).Distinct().Count());
    }

    [Fact]
    public async Task The_caseworkers_page_logs_the_cases_of_the_supervision_rounds_it_shows_closed_ones_too()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
        var caseworkers = await SignIn.EmployeeIdsAsync(factory, "sagsbehandler");
        var reviewed = await (from c in db.ReviewCases join k in db.Cases on c.CaseId equals k.Id where !c.Swapped && k.ClosedOn != null select c.CaseworkerId).Distinct().ToListAsync();
        var index = caseworkers.FindIndex(reviewed.Contains);
        Assert.True(index >= 0, "ingen sagsbehandler har en lukket sag i et ledelsestilsyn");
        var closed = await (from c in db.ReviewCases join k in db.Cases on c.CaseId equals k.Id where !c.Swapped && k.ClosedOn != null && c.CaseworkerId == caseworkers[index] select c.CaseId).FirstAsync();
        using var caseworker = await SignIn.AsAsync(factory, "sagsbehandler", index);
        var before = await LastIdAsync();

        var mine = await caseworker.GetStringAsync("/Mine");

        Assert.Contains(closed, mine, StringComparison.Ordinal);
        var lines = await LinesAfterAsync(before);
        Assert.Contains(lines, l => l.CaseId == closed && l.Action == "vist");
        Assert.Equal(lines.Count, lines.Select(l => (l.CaseId, l.Page)).Distinct().Count());
    }

    [Fact]
    public async Task The_administrator_answers_a_citizens_request_for_a_child_with_units_not_names_as_a_page_and_a_spreadsheet()
    {
        using var caseworker = await SignIn.AsAsync(factory, "sagsbehandler");
        var caseId = System.Text.RegularExpressions.Regex.Match(await caseworker.GetStringAsync("/Mine"), @"href=""/Sag/(S\d{7})[""?]").Groups[1].Value;
        await caseworker.GetStringAsync("/Sag/" + caseId);
        string child, unit, name;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
            child = await db.Cases.Where(c => c.Id == caseId).Select(c => c.ChildId).SingleAsync();
            var me = await db.Cases.Where(c => c.Id == caseId).Select(c => c.CaseworkerId).SingleAsync();
            (unit, name) = await (from e in db.Employees join u in db.OrgUnits on e.UnitId equals u.Id where e.Id == me select new ValueTuple<string, string>(u.Name, e.Name)).SingleAsync();
        }
        using var admin = await SignIn.AsAsync(factory, "administrator");

        var page = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/Admin/Adgangslog?barn={child}"));
        var xlsx = await admin.GetAsync($"/Admin/Adgangslog?handler=Indsigt&barn={child}");

        Assert.Contains($"Indsigt i logning: barn {child}", page, StringComparison.Ordinal);
        Assert.Contains($"<td>{caseId}</td><td>{unit}</td><td>Sag</td><td>vist</td>", page, StringComparison.Ordinal);
        var report = page[page.IndexOf("Indsigt i logning", StringComparison.Ordinal)..];
        Assert.DoesNotContain(name, report, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", xlsx.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task The_administrator_finds_a_team_leaders_week_as_one_view_with_its_cases_folded_under_their_count()
    {
        var leaderId = (await SignIn.EmployeeIdsAsync(factory, "teamleder"))[0];
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        var before = await LastIdAsync();
        await leader.GetStringAsync("/Team");
        var view = (await LinesAfterAsync(before)).Where(l => l.EmployeeId == leaderId && l.Action == "vist").GroupBy(l => l.View).Last().ToList();
        Assert.True(view.Count > 3, "teamlederens side viste højst tre sager");
        using var admin = await SignIn.AsAsync(factory, "administrator");

        var page = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/Admin/Adgangslog?bruger={leaderId}"));

        Assert.Contains($"Opslag af {leaderId}", page, StringComparison.Ordinal);
        Assert.Contains($"<details><summary>{view.Count} sager</summary>{string.Join(", ", view.Select(l => l.CaseId))}</details>", page, StringComparison.Ordinal);
        // The portal's own queries were translated for SQL Server too (PortalFactory), the user search's among them.
        Assert.Contains(LedelsesInfo.Infrastructure.Tests.Support.SqlServerTranslation.Instance.Translated, q => q.StartsWith("AccessLogEntry:", StringComparison.Ordinal) && q.Contains("EmployeeId", StringComparison.Ordinal));
    }
}

/// <summary>The portal on a server whose own date is not Denmark's (a UTC server after Danish midnight): its clock is two days ahead of the machine's.</summary>
public sealed class DanishDateFactory : PortalFactory
{
    private sealed class AheadClock : LedelsesInfo.Application.Abstractions.IClock
    {
        public DateTime Now => LedelsesInfo.Application.Abstractions.DanishClock.Instance.Now.AddDays(2);
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<LedelsesInfo.Application.Abstractions.IClock, AheadClock>());
    }
}

/// <summary>The access log's default period ends on Denmark's date, not the server's: a view logged after Danish midnight is found.</summary>
public sealed class AccessLogDateTests(DanishDateFactory factory) : IClassFixture<DanishDateFactory>
{
    [Fact]
    public async Task A_users_look_ups_are_found_by_the_default_period_when_the_servers_date_is_behind_denmarks()
    {
        var leaderId = (await SignIn.EmployeeIdsAsync(factory, "teamleder"))[0];
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        await leader.GetStringAsync("/Team");
        using var admin = await SignIn.AsAsync(factory, "administrator");

        var page = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/Admin/Adgangslog?bruger={leaderId}"));

        var report = page[page.IndexOf($"Opslag af {leaderId}", StringComparison.Ordinal)..];
        Assert.DoesNotContain("Ingen opslag i perioden", report, StringComparison.Ordinal);
        Assert.Contains(" sager</summary>", report, StringComparison.Ordinal);
    }
}
