using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LedelsesInfo.Migrations.Sqlite;

/// <summary>Lets dotnet-ef build this provider's model offline; the connection string is never opened.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LedelsesInfoDbContext>
{
    public LedelsesInfoDbContext CreateDbContext(string[] args)
    {
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design-time.db");
        var options = new DbContextOptionsBuilder<LedelsesInfoDbContext>();
        settings.Configure(options);
        return new LedelsesInfoDbContext(options.Options);
    }
}
