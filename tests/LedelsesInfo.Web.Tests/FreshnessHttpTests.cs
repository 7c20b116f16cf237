using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests;

/// <summary>Every page says when imported data wait for a recompute, and says nothing when the figures are up to date.</summary>
public sealed class FreshnessHttpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Pages_warn_that_newer_data_wait_for_a_recompute_only_while_they_do()
    {
        using var director = await SignIn.AsAsync(factory, "forvaltningsledelse");
        Assert.DoesNotContain("Tallene er ikke opdateret", await director.GetStringAsync("/Ledelse"), StringComparison.Ordinal);

        // An import whose recompute never ran: a payment for the team of the first case.
        var folder = Directory.CreateTempSubdirectory("ledelsesinfo-stale-").FullName;
        var payments = Path.Combine(folder, "payments.csv");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
            var team = db.OrgUnits.First(u => u.Level == Domain.UnitLevel.Team).Id;
            var day = scope.ServiceProvider.GetRequiredService<IClock>().Today.AddDays(-1);
            await File.WriteAllTextAsync(payments, $"payment_id;unit_id;function;activity_id;posted_on;amount\nPNY1;{team};5.28.21;;{day:yyyy-MM-dd};1000,00\n");
            var result = await new Importer(db, scope.ServiceProvider.GetRequiredService<IClock>()).ImportAsync([payments], new ImportOptions(ImportedBy: "test"));
            Assert.Equal(1, result.Files.Single().RowsApplied);
        }

        var page = await director.GetStringAsync("/Ledelse");
        var catalogue = await director.GetStringAsync("/Katalog");

        Assert.Contains("Tallene er ikke opdateret med de nyeste data", page, StringComparison.Ordinal);
        Assert.Contains("Der er indlæst nyere data", page, StringComparison.Ordinal);
        Assert.Contains("id=\"tal-ikke-opdateret\"", catalogue, StringComparison.Ordinal);
    }
}
