using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Testcontainers.MsSql;

namespace LedelsesInfo.Infrastructure.Tests;

public sealed class SqlServerTests
{
    /// <summary>One container for both: the import's rows and sums, then the recompute's export, against SQLite's.</summary>
    [DockerFact]
    public async Task The_demo_imports_into_sql_server_with_the_same_counts_and_sums_as_sqlite_and_exports_the_same_figures()
    {
        await using var container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-CU21-ubuntu-22.04").Build();
        await container.StartAsync();
        using var sqlite = new TestDatabase();
        var folder = Path.Combine(sqlite.Folder, "demo");
        var asOf = new DateOnly(2026, 10, 31);
        new DemoGenerator(DemoProfile.Demo, 3, asOf).WriteTo(folder);

        var options = new DbContextOptionsBuilder<LedelsesInfoDbContext>();
        new DatabaseSettings(DatabaseProvider.SqlServer, container.GetConnectionString()).Configure(options);
        await using var sqlServer = new LedelsesInfoDbContext(options.Options);
        await sqlServer.Database.MigrateAsync();
        await KpiSeed.SeedAsync(sqlServer);
        var result = await new Importer(sqlServer, new FixedClock()).ImportAsync([folder], new ImportOptions());
        await sqlite.ImportAsync(folder);
        await using var lite = sqlite.NewContext();

        Assert.All(result.Files, f => Assert.Equal(0, f.RowsRejected));
        Assert.Equal(await lite.Payments.SumAsync(p => p.Amount), await sqlServer.Payments.SumAsync(p => p.Amount));
        Assert.Equal(await lite.ActivityEvents.CountAsync(), await sqlServer.ActivityEvents.CountAsync());

        var again = await new Importer(sqlServer, new FixedClock()).ImportAsync([folder], new ImportOptions());
        Assert.All(again.Files, f => Assert.Equal(0, f.RowsRejected));
        Assert.Equal(await lite.Cases.CountAsync(), await sqlServer.Cases.CountAsync());

        await new LedelsesInfo.Infrastructure.KeyFigures.KpiEngine(sqlServer).RecomputeAsync(asOf);
        await new LedelsesInfo.Infrastructure.KeyFigures.KpiEngine(lite).RecomputeAsync(asOf);
        var onSqlServer = Path.Combine(sqlite.Folder, "sqlserver.csv");
        var onSqlite = Path.Combine(sqlite.Folder, "sqlite.csv");
        var rows = await new LedelsesInfo.Infrastructure.KeyFigures.KpiExport(sqlServer).WriteAsync(onSqlServer, asOf);
        await new LedelsesInfo.Infrastructure.KeyFigures.KpiExport(lite).WriteAsync(onSqlite, asOf);

        Assert.True(rows > 1000);
        // The same lines; SQL Server's collation may order unit ids otherwise than SQLite's binary order, so sorted alike.
        Assert.Equal(File.ReadLines(onSqlite).Order(StringComparer.Ordinal), File.ReadLines(onSqlServer).Order(StringComparer.Ordinal));
    }
}
