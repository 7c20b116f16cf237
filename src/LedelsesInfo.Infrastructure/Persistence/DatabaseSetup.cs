using LedelsesInfo.Application.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// Provider selection, read the same way by the web app and the CLI: <c>Database:Provider</c>
/// (Sqlite or SqlServer) and <c>ConnectionStrings:Default</c>. Without a connection string SQLite
/// uses a file in the data folder.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>
    /// SQLite: the access log's own file beside the database, attached to every connection (<see cref="AccessLogFile"/>);
    /// null keeps it in the database (<c>Database:SeparateAccessLog=false</c>, or a database in memory).
    /// </summary>
    public string? AccessLogPath { get; init; } = Provider == DatabaseProvider.Sqlite ? AccessLogFile.PathFor(ConnectionString) : null;

    public const string SqliteMigrations = "LedelsesInfo.Migrations.Sqlite";
    public const string SqlServerMigrations = "LedelsesInfo.Migrations.SqlServer";

    public static DatabaseSettings From(IConfiguration configuration, string defaultDataFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerText = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException($"Database:Provider '{providerText}' er ukendt; brug Sqlite eller SqlServer.");
        }
        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.SqlServer)
            {
                throw new InvalidOperationException("Database:Provider er SqlServer, men ConnectionStrings:Default er ikke sat.");
            }
            var folder = defaultDataFolder;
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "ledelsesinfo.db")}";
        }
        var settings = new DatabaseSettings(provider, connectionString);
        // Database:SeparateAccessLog=false keeps the log in the SQLite file itself (ADR 0014).
        return string.Equals(configuration["Database:SeparateAccessLog"], "false", StringComparison.OrdinalIgnoreCase) ? settings with { AccessLogPath = null } : settings;
    }

    /// <summary>One for every context: it keeps only the saves under way, by context.</summary>
    private static readonly DataVersionInterceptor DataVersion = new();

    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrations).CommandTimeout(600)).AddInterceptors(new SqlitePragmas(AccessLogPath), DataVersion);
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(ConnectionString, o => o.MigrationsAssembly(SqlServerMigrations).CommandTimeout(600)).AddInterceptors(DataVersion);
                break;
            default:
                throw new InvalidOperationException($"Ukendt database: {Provider}");
        }
    }
}

public static class DatabaseServiceCollectionExtensions
{
    public static IServiceCollection AddLedelsesInfoDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<AccessLogWriter>();
        services.AddDbContext<LedelsesInfoDbContext>(settings.Configure, optionsLifetime: ServiceLifetime.Singleton);
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<LedelsesInfoDbContext>());
        services.AddSingleton<IClock, DanishClock>();
        return services;
    }
}

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>The database, the importer and the initialiser: what both hosts need.</summary>
    public static IServiceCollection AddLedelsesInfoInfrastructure(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddLedelsesInfoDatabase(settings);
        services.AddScoped<Import.Importer>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<KeyFigures.KpiEngine>();
        services.AddScoped<KeyFigures.KpiExport>();
        services.AddScoped<AccessLogRetention>();
        return services;
    }

    /// <summary>Where the embedded database and generated demo files live unless configured: shared by the web app and the CLI.</summary>
    public static string DefaultDataFolder(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Database:DataFolder"]
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "LedelsesInfo");
    }
}
