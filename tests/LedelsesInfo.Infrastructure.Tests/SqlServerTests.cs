using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Testcontainers.MsSql;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>Runs only where a Docker engine answers; elsewhere it is skipped with the reason.</summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        var socket = File.Exists("/var/run/docker.sock");
        var host = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"));
        if (!socket && !host)
        {
            Skip = "Ingen Docker-motor her (hverken /var/run/docker.sock eller DOCKER_HOST): SQL Server-testen kræver Testcontainers.";
        }
    }
}

public sealed class SqlServerTests
{
    [DockerFact]
    public async Task The_demo_imports_into_sql_server_with_the_same_counts_and_sums_as_sqlite()
    {
        await using var container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-CU21-ubuntu-22.04").Build();
        await container.StartAsync();
        using var sqlite = new TestDatabase();
        var folder = Path.Combine(sqlite.Folder, "demo");
        new DemoGenerator(DemoProfile.Demo, 3, new DateOnly(2026, 10, 31)).WriteTo(folder);

        var options = new DbContextOptionsBuilder<LedelsesInfoDbContext>();
        new DatabaseSettings(DatabaseProvider.SqlServer, container.GetConnectionString()).Configure(options);
        await using var sqlServer = new LedelsesInfoDbContext(options.Options);
        await sqlServer.Database.MigrateAsync();
        var result = await new Importer(sqlServer, new FixedClock()).ImportAsync([folder], new ImportOptions());
        await sqlite.ImportAsync(folder);
        await using var lite = sqlite.NewContext();

        Assert.All(result.Files, f => Assert.Equal(0, f.RowsRejected));
        Assert.Equal(await lite.Payments.SumAsync(p => p.Amount), await sqlServer.Payments.SumAsync(p => p.Amount));
        Assert.Equal(await lite.ActivityEvents.CountAsync(), await sqlServer.ActivityEvents.CountAsync());

        var again = await new Importer(sqlServer, new FixedClock()).ImportAsync([folder], new ImportOptions());
        Assert.All(again.Files, f => Assert.Equal(0, f.RowsRejected));
        Assert.Equal(await lite.Cases.CountAsync(), await sqlServer.Cases.CountAsync());
    }
}
