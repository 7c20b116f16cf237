using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.Support;

/// <summary>A fresh SQLite database file, built from the SQLite migrations, in a folder of its own.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("ledelsesinfo-test-").FullName;
        ConnectionString = $"Data Source={Path.Combine(Folder, "test.db")};Pooling=False";
        using var db = NewContext();
        db.Database.Migrate();
        KpiSeed.SeedAsync(db).GetAwaiter().GetResult();
    }

    public string Folder { get; }
    public string ConnectionString { get; }

    public LedelsesInfoDbContext NewContext() => Open(ConnectionString);

    /// <summary>
    /// A context on any SQLite database file (a copy of a test database, one a process wrote). Each query it compiles is
    /// also translated for SQL Server (<see cref="SqlServerTranslation"/>).
    /// </summary>
    public static LedelsesInfoDbContext Open(string connectionString)
    {
        var options = new DbContextOptionsBuilder<LedelsesInfoDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, connectionString).Configure(options);
        options.AddInterceptors(SqlServerTranslation.Instance);
        return new LedelsesInfoDbContext(options.Options);
    }

    public async Task<ImportResult> ImportAsync(string path, bool strict = false)
    {
        await using var db = NewContext();
        return await new Importer(db, new FixedClock()).ImportAsync([path], new ImportOptions(strict, "test"));
    }

    public async Task<FileImportResult> ImportOneAsync(string path, bool strict = false) => (await ImportAsync(path, strict)).Files.Single();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on a slow machine is left for the OS to clean; it is in the temp folder.
        }
    }
}

public sealed class FixedClock : IClock
{
    public DateTime Now { get; } = new(2026, 11, 1, 8, 0, 0);
}
