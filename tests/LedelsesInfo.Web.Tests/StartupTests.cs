using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LedelsesInfo.Web.Tests;

public sealed class StartupTests
{
    private sealed class ProductionFactory(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:DataFolder", Directory.CreateTempSubdirectory("ledelsesinfo-prod-").FullName);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    [Fact]
    public void Start_up_refuses_the_development_sign_in_in_production()
    {
        using var factory = new ProductionFactory(new() { ["Authentication:DevelopmentSignIn"] = "true" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Authentication:DevelopmentSignIn må ikke være slået til i Production", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_in_production_without_entra_id_says_what_to_configure()
    {
        using var factory = new ProductionFactory([]);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Entra ID er ikke sat op: angiv AzureAd:TenantId, AzureAd:ClientId og AzureAd:ClientSecret", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_with_entra_id_the_sign_in_page_challenges_the_identity_provider()
    {
        using var factory = new ProductionFactory(new()
        {
            ["AzureAd:TenantId"] = "11111111-1111-1111-1111-111111111111",
            ["AzureAd:ClientId"] = "22222222-2222-2222-2222-222222222222",
            ["AzureAd:ClientSecret"] = "hemmeligt",
            ["AzureAd:Domain"] = "kommune.dk",
        });
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Offline the challenge cannot fetch Entra ID's metadata, so it fails; what matters is that no page is
        // served and no development sign-in is offered.
        var anonymous = await client.GetAsync("/");
        Assert.NotEqual(System.Net.HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " / " + Flatten(e.InnerException);
}
