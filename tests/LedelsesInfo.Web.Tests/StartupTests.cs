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
            ["Database:MigrateAtStartup"] = "true",
        });
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Offline the challenge cannot fetch Entra ID's metadata, so it fails; what matters is that no page is
        // served and no development sign-in is offered.
        var anonymous = await client.GetAsync("/");
        Assert.NotEqual(System.Net.HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public void In_production_the_portal_refuses_a_database_behind_the_code_and_leaves_it_unchanged_until_it_is_migrated()
    {
        var folder = Directory.CreateTempSubdirectory("ledelsesinfo-prod-db-").FullName;
        var entra = new Dictionary<string, string?>
        {
            ["AzureAd:TenantId"] = "11111111-1111-1111-1111-111111111111",
            ["AzureAd:ClientId"] = "22222222-2222-2222-2222-222222222222",
            ["AzureAd:ClientSecret"] = "hemmeligt",
            ["Database:DataFolder"] = folder,
        };
        using (var factory = new ProductionFactory(entra))
        {
            var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            Assert.Contains("Databasen er ikke opdateret til denne version af portalen", Flatten(error), StringComparison.Ordinal);
            Assert.Contains("Kør 'ledelsesinfo migrate'", Flatten(error), StringComparison.Ordinal);
        }
        var database = Path.Combine(folder, "ledelsesinfo.db");
        Assert.Equal(0, Tables(database));

        // What 'ledelsesinfo migrate' does: the migrations of the configured provider.
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<LedelsesInfo.Infrastructure.Persistence.LedelsesInfoDbContext>();
        new LedelsesInfo.Infrastructure.Persistence.DatabaseSettings(LedelsesInfo.Infrastructure.Persistence.DatabaseProvider.Sqlite, $"Data Source={database};Pooling=False").Configure(options);
        using (var db = new LedelsesInfo.Infrastructure.Persistence.LedelsesInfoDbContext(options.Options))
        {
            Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.Migrate(db.Database);
        }

        using var migrated = new ProductionFactory(entra);
        using var client = migrated.CreateClient();
        Assert.True(Tables(database) > 20);
    }

    /// <summary>The number of tables in a SQLite file (0 where it is empty or missing).</summary>
    private static long Tables(string database)
    {
        if (!File.Exists(database))
        {
            return 0;
        }
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'";
        return (long)command.ExecuteScalar()!;
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " / " + Flatten(e.InnerException);
}
