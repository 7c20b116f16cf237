using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// The portal as a newcomer starts it: Development, an empty data folder, the demo municipality seeded at start. Every
/// LINQ query its pages run is also translated for SQL Server (<see cref="SqlServerTranslation"/>), so the handlers that
/// only the pages send are covered like those the Infrastructure tests send themselves (issue 19).
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = Directory.CreateTempSubdirectory("ledelsesinfo-web-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:DataFolder", DataFolder);
        builder.UseSetting("Demo:SeedOnEmptyDatabase", "true");
        builder.ConfigureServices(services => services.ConfigureDbContext<LedelsesInfoDbContext>(options => options.AddInterceptors(SqlServerTranslation.Instance)));
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder if the OS still holds a file.
        }
    }
}

/// <summary>Signs in through the development sign-in form, antiforgery token and all, as a browser would.</summary>
public static partial class SignIn
{
    public static async Task<HttpClient> AsAsync(PortalFactory factory, string audienceCode, int index = 0)
    {
        var client = factory.NewClient();
        var page = await client.GetStringAsync("/Konto/LogInd");
        var token = FormToken(page);
        var employeeId = EmployeeIds(page, audienceCode)[index];
        var response = await client.PostAsync("/Konto/LogInd", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["EmployeeId"] = employeeId,
            ["ReturnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The employees the development sign-in page offers for an audience, in its order (the index <see cref="AsAsync"/> takes).</summary>
    public static List<string> EmployeeIds(string signInPage, string audienceCode)
    {
        var select = Regex.Match(signInPage, $"<select[^>]*id=\"bruger-{Regex.Escape(audienceCode)}\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, $"ingen brugere for {audienceCode} på log ind-siden");
        return Option().Matches(select.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>The employees the portal's sign-in page offers for an audience.</summary>
    public static async Task<List<string>> EmployeeIdsAsync(PortalFactory factory, string audienceCode)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var client = factory.NewClient();
        return EmployeeIds(await client.GetStringAsync("/Konto/LogInd"), audienceCode);
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string FormToken(string html) => Token().Match(html).Groups[1].Value;

    /// <summary>A page without its antiforgery tokens, which differ on every request.</summary>
    public static string WithoutTokens(string html) => Token().Replace(html, "");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<option value=\"([^\"]+)\"")]
    private static partial Regex Option();
}
