using System.Net;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LedelsesInfo.Infrastructure.Tests;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// Sessions that end when they should, keys every instance shares, and requests that cannot name a host or a case id of
/// their own making (issue: data protection).
/// </summary>
public sealed class SessionHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static HttpClient WithCookie(WebApplicationFactory<Program> portal, string cookie)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    [Fact]
    public async Task A_copy_of_the_cookie_taken_before_sign_out_opens_nothing_afterwards()
    {
        var (client, cookie, _) = await SignInCapturingAsync(factory, "sagsbehandler");
        using var copy = WithCookie(factory, cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/Mine")).StatusCode);

        var home = await client.GetStringAsync("/");
        var signedOut = await client.PostAsync("/Konto/LogUd", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SignIn.FormToken(home) }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var after = await copy.GetAsync("/Mine");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Konto/LogInd", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        client.Dispose();
    }

    [Fact]
    public async Task An_employee_moved_to_another_team_or_given_another_role_is_signed_out_on_the_next_request()
    {
        var (moved, _, first) = await SignInCapturingAsync(factory, "sagsbehandler", 1);
        var (promoted, _, second) = await SignInCapturingAsync(factory, "sagsbehandler", 2);
        Assert.Equal(HttpStatusCode.OK, (await moved.GetAsync("/Mine")).StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
            var team = await db.Employees.Where(e => e.Id == first).Select(e => e.UnitId).SingleAsync();
            var otherTeam = await db.OrgUnits.Where(u => u.Level == UnitLevel.Team && u.Id != team).Select(u => u.Id).FirstAsync();
            await db.Employees.Where(e => e.Id == first).ExecuteUpdateAsync(u => u.SetProperty(e => e.UnitId, otherTeam));
            await db.Employees.Where(e => e.Id == second).ExecuteUpdateAsync(u => u.SetProperty(e => e.Role, EmployeeRole.TeamLeader));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await moved.GetAsync("/Mine")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await promoted.GetAsync("/Mine")).StatusCode);
        moved.Dispose();
        promoted.Dispose();
    }

    [Fact]
    public async Task An_employee_marked_removed_is_signed_out_on_the_next_request_even_while_the_session_is_open()
    {
        // The import ends a removed employee's sessions too; this is the request's own check, with the session left open.
        var (client, _, removed) = await SignInCapturingAsync(factory, "sagsbehandler", 4);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Mine")).StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
            await db.Employees.Where(e => e.Id == removed).ExecuteUpdateAsync(u => u.SetProperty(e => e.RemovedAt, DateTime.UtcNow));
            Assert.True(await db.SignInSessions.AnyAsync(s => s.EmployeeId == removed && s.EndedAt == null));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Mine")).StatusCode);
        client.Dispose();
    }

    [Fact]
    public async Task An_employee_left_out_of_the_employees_file_is_signed_out_and_no_longer_offered_at_sign_in()
    {
        var (client, _, removed) = await SignInCapturingAsync(factory, "sagsbehandler", 3);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Mine")).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // The employees file as the HR system would export it the day after the employee left.
            var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
            var rows = await db.Employees.AsNoTracking().Where(e => e.Id != removed).OrderBy(e => e.Id).ToListAsync();
            var folder = Directory.CreateDirectory(Path.Combine(factory.DataFolder, "fratraadt")).FullName;
            var file = Path.Combine(folder, "employees.csv");
            await File.WriteAllLinesAsync(file, rows.Select(e => $"{e.Id};{e.Name};{e.UnitId};{Code<EmployeeRole>.Of(e.Role)};{e.Login}")
                .Prepend("employee_id;name;unit_id;role;login"));
            var result = await scope.ServiceProvider.GetRequiredService<LedelsesInfo.Infrastructure.Import.Importer>()
                .ImportAsync([file], new LedelsesInfo.Infrastructure.Import.ImportOptions());
            Assert.Equal(0, result.Files.Single().RowsRejected);
        }

        var after = await client.GetAsync("/Mine");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Konto/LogInd", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain(removed, await SignIn.EmployeeIdsAsync(factory, "sagsbehandler"));
        client.Dispose();
    }

    [Fact]
    public async Task The_keys_are_in_the_database_so_a_second_instance_reads_the_first_ones_cookie()
    {
        var (client, cookie, _) = await SignInCapturingAsync(factory, "teamleder");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().DataProtectionKeys.AnyAsync());
        }
        Assert.False(Directory.Exists(Path.Combine(factory.DataFolder, "keys")), "nøglerne ligger stadig i en mappe");

        using var second = new SameDatabaseFactory(factory.DataFolder);
        using var copy = WithCookie(second, cookie);
        var page = await copy.GetAsync("/Team");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        client.Dispose();
    }

    [Fact]
    public async Task A_host_the_portal_does_not_answer_to_is_refused_and_never_written_into_a_redirect()
    {
        using var client = factory.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Mine");
        request.Headers.Host = "ondsindet.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("ondsindet", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_five_thousand_character_case_id_is_refused_and_not_written_into_the_access_log()
    {
        using var leader = await SignIn.AsAsync(factory, "teamleder");
        var id = new string('S', 5000);

        var response = await leader.GetAsync("/Sag/" + id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
        Assert.DoesNotContain(await db.AccessLog.LinesAsync(), a => a.CaseId is { Length: > 64 });
    }

    /// <summary>Signs in and keeps the sign-in cookie's header value, as someone copying it would, and the employee signed in as.</summary>
    private static async Task<(HttpClient Client, string Cookie, string EmployeeId)> SignInCapturingAsync(PortalFactory portal, string audience, int index = 0)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var jar = new Dictionary<string, string>();
        void Keep(HttpResponseMessage r)
        {
            foreach (var header in r.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0];
                jar[pair[..pair.IndexOf('=')]] = pair;
            }
            client.DefaultRequestHeaders.Remove("Cookie");
            client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", jar.Values));
        }
        var login = await client.GetAsync("/Konto/LogInd");
        Keep(login);
        var page = await login.Content.ReadAsStringAsync();
        var employee = SignIn.EmployeeIds(page, audience)[index];
        var posted = await client.PostAsync("/Konto/LogInd", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["EmployeeId"] = employee,
            ["ReturnUrl"] = "/",
            ["__RequestVerificationToken"] = SignIn.FormToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Keep(posted);
        return (client, jar["ledelsesinfo"], employee);
    }

    private sealed class SameDatabaseFactory(string dataFolder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:DataFolder", dataFolder);
            builder.UseSetting("Demo:SeedOnEmptyDatabase", "false");
        }
    }
}
