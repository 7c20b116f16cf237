using System.Net;
using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Infrastructure.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Testcontainers.MsSql;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// The portal on a real SQL Server 2022 (issue 19), where a Docker engine answers: the four dashboards, and two web
/// instances on one database sharing a sign-in (keys in the database) and seeing each other's data changes (the data
/// version). Skipped with the reason elsewhere; the offline proofs are in SqlServerStatementTests.
/// </summary>
public sealed class SqlServerPortalTests
{
    private sealed class SqlServerFactory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "SqlServer");
            builder.UseSetting("ConnectionStrings:Default", connectionString);
            builder.UseSetting("Demo:SeedOnEmptyDatabase", "false");
            builder.UseSetting("Database:DataFolder", Directory.CreateTempSubdirectory("ledelsesinfo-mssql-").FullName);
        }
    }

    [DockerFact]
    public async Task Two_instances_on_sql_server_answer_the_four_dashboards_share_a_sign_in_and_see_each_others_changes()
    {
        await using var container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-CU21-ubuntu-22.04").Build();
        await container.StartAsync();
        var connectionString = container.GetConnectionString();
        var folder = Directory.CreateTempSubdirectory("ledelsesinfo-mssql-demo-").FullName;
        new DemoGenerator(DemoProfile.Demo, 1, new DateOnly(2026, 10, 31)).WriteTo(folder);
        var options = new DbContextOptionsBuilder<LedelsesInfoDbContext>();
        new DatabaseSettings(DatabaseProvider.SqlServer, connectionString).Configure(options);
        await using (var db = new LedelsesInfoDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
            await new Importer(db, new LedelsesInfo.Application.Abstractions.DanishClock()).ImportAsync([folder], new ImportOptions());
            await new LedelsesInfo.Infrastructure.KeyFigures.KpiEngine(db).RecomputeAsync();
        }

        using var first = new SqlServerFactory(connectionString);
        using var second = new SqlServerFactory(connectionString);
        var signIn = await first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetStringAsync("/Konto/LogInd");
        foreach (var (audience, page) in new[] { ("fagudvalg", "/Fagudvalg"), ("forvaltningsledelse", "/Ledelse"), ("teamleder", "/Team"), ("sagsbehandler", "/Mine") })
        {
            var cookie = await SignInCookieAsync(first, SignIn.EmployeeIds(signIn, audience)[0]);
            // The cookie the first instance set opens the page on the second: both read the keys from the database.
            using var request = new HttpRequestMessage(HttpMethod.Get, page);
            request.Headers.Add("Cookie", cookie);
            using var response = await second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var committee = await SignInCookieAsync(first, SignIn.EmployeeIds(signIn, "fagudvalg")[0]);
        var before = await GetAsync(second, "/Fagudvalg", committee);
        await using (var db = new LedelsesInfoDbContext(options.Options))
        {
            // A change the first instance's import would make: the municipality renamed, and the data version moved.
            await db.OrgUnits.Where(u => u.ParentId == null).ExecuteUpdateAsync(u => u.SetProperty(x => x.Name, "Omdøbt Kommune"));
            await db.BumpDataVersionAsync();
        }
        var after = await GetAsync(second, "/Fagudvalg", committee);

        Assert.DoesNotContain("Omdøbt Kommune", before, StringComparison.Ordinal);
        Assert.Contains("Omdøbt Kommune", after, StringComparison.Ordinal);
    }

    private static async Task<string> SignInCookieAsync(WebApplicationFactory<Program> factory, string employeeId)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = SignIn.FormToken(await client.GetStringAsync("/Konto/LogInd"));
        using var response = await client.PostAsync("/Konto/LogInd", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["EmployeeId"] = employeeId,
            ["ReturnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    private static async Task<string> GetAsync(WebApplicationFactory<Program> factory, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
