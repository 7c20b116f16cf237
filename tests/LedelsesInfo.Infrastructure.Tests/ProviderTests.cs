using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>Both providers' migration sets match the model, and SQL Server's SQL can be checked without a server.</summary>
public sealed class ProviderTests
{
    private static LedelsesInfoDbContext Context(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<LedelsesInfoDbContext>();
        new DatabaseSettings(provider, provider == DatabaseProvider.Sqlite
            ? "Data Source=:memory:"
            : "Server=localhost;Database=LedelsesInfo;User Id=sa;Password=never-used;TrustServerCertificate=true").Configure(options);
        return new LedelsesInfoDbContext(options.Options);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Each_providers_migrations_have_no_pending_model_changes(DatabaseProvider provider)
    {
        using var db = Context(provider);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: kør 'dotnet ef migrations add' for denne udbyder");
    }

    [Fact]
    public void The_sql_server_migration_script_is_generated_offline()
    {
        using var db = Context(DatabaseProvider.SqlServer);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [payments]", script, StringComparison.Ordinal);
        Assert.Contains("[Amount] decimal(18,2) NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [access_log]", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_is_an_integer_of_ore_on_sqlite_and_a_decimal_on_sql_server()
    {
        using var sqlite = Context(DatabaseProvider.Sqlite);
        using var sqlServer = Context(DatabaseProvider.SqlServer);

        Assert.Equal("INTEGER", sqlite.Model.FindEntityType(typeof(Domain.Payment))!.FindProperty("Amount")!.GetColumnType());
        Assert.Equal("decimal(18,2)", sqlServer.Model.FindEntityType(typeof(Domain.Payment))!.FindProperty("Amount")!.GetColumnType());
    }

    [Fact]
    public void A_sum_of_money_by_unit_translates_to_sql_server_sql()
    {
        using var db = Context(DatabaseProvider.SqlServer);
        var from = new DateOnly(2025, 1, 1);

        var sql = db.Payments.Where(p => p.PostedOn >= from).GroupBy(p => p.UnitId).Select(g => new { g.Key, Total = g.Sum(p => p.Amount) }).ToQueryString();

        Assert.Contains("SUM([p].[Amount])", sql, StringComparison.Ordinal);
        Assert.Contains("GROUP BY [p].[UnitId]", sql, StringComparison.Ordinal);
    }
}
