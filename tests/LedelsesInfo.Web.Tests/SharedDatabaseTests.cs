using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using LedelsesInfo.Web.Auth;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests;

public sealed class SharedDatabaseTests
{
    private sealed class ConnectionStringFactory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Default", connectionString);
            builder.UseSetting("Demo:SeedOnEmptyDatabase", "false");
        }
    }

    [Fact]
    public async Task What_the_cli_imports_the_web_app_shows_when_both_have_the_same_connection_string()
    {
        var folder = Directory.CreateTempSubdirectory("ledelsesinfo-shared-").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "delt.db")}";
        File.WriteAllText(Path.Combine(folder, "organisation.csv"), "unit_id;parent_id;name;level\nK;;Delt Kommune;kommune\n");
        File.WriteAllText(Path.Combine(folder, "employees.csv"), "employee_id;name;unit_id;role;login\nM1;Ada Admin;K;administrator;ada@delt.dk\n");

        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var cli = Path.Combine(here.Parent!.Parent!.Parent!.Parent!.Parent!.FullName, "src", "LedelsesInfo.Cli", "bin", here.Parent!.Name, "net10.0", "ledelsesinfo.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { cli, "import", folder, $"--ConnectionStrings:Default={connectionString}" })
        {
            start.ArgumentList.Add(arg);
        }
        using (var process = Process.Start(start)!)
        {
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }

        using var factory = new ConnectionStringFactory(connectionString);
        using var client = await SignInAsAdministratorAsync(factory);
        var front = await client.GetStringAsync("/");
        var imports = await client.GetStringAsync("/Admin/Importkoersler");

        Assert.Contains("i Delt Kommune", front, StringComparison.Ordinal);
        Assert.Contains("employees.csv", imports, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task An_entra_id_app_role_and_login_become_the_portal_audience_and_unit()
    {
        using var factory = new PortalFactory();
        using var scope = factory.Services.CreateScope();
        var transformation = new EntraIdClaimsTransformation(scope.ServiceProvider.GetRequiredService<IMediator>());
        var employee = scope.ServiceProvider.GetRequiredService<LedelsesInfo.Infrastructure.Persistence.LedelsesInfoDbContext>()
            .Employees.First(e => e.Role == Domain.EmployeeRole.TeamLeader);

        var signedIn = await transformation.TransformAsync(Principal(("preferred_username", employee.Login!.ToUpperInvariant()), ("roles", "Teamleder")));
        var noRole = await transformation.TransformAsync(Principal(("preferred_username", employee.Login!)));
        var stranger = await transformation.TransformAsync(Principal(("preferred_username", "ukendt@andet.dk"), ("roles", "Administrator")));

        Assert.Equal(("teamleder", employee.Id, employee.UnitId),
            (signedIn.FindFirst(PortalClaims.Audience)?.Value, signedIn.FindFirst(PortalClaims.EmployeeId)?.Value, signedIn.FindFirst(PortalClaims.UnitId)?.Value));
        Assert.Null(noRole.FindFirst(PortalClaims.Audience));
        Assert.Null(stranger.FindFirst(PortalClaims.Audience));
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "OpenIdConnect"));

    private static async Task<HttpClient> SignInAsAdministratorAsync(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/Konto/LogInd");
        var token = SignIn.FormToken(page);
        var response = await client.PostAsync("/Konto/LogInd", new FormUrlEncodedContent(new Dictionary<string, string> { ["EmployeeId"] = "M1", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
