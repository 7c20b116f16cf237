using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>
/// On SQLite the access log has a file of its own (ADR 0014): a view is logged while an import or a recompute holds the
/// database's write lock, an older database's log is moved there line for line, and a missing log file stops the start.
/// </summary>
public sealed class AccessLogFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ledelsesinfo-logfile-").FullName;

    private string Database => Path.Combine(folder, "portal.db");

    private DatabaseSettings Settings(bool separate = true) => DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Default"] = $"Data Source={Database}",
        ["Database:SeparateAccessLog"] = separate ? null : "false",
    }).Build(), folder);

    private static LedelsesInfoDbContext Context(DatabaseSettings settings)
    {
        var options = new DbContextOptionsBuilder<LedelsesInfoDbContext>();
        settings.Configure(options);
        return new LedelsesInfoDbContext(options.Options);
    }

    private static async Task MigrateAsync(DatabaseSettings settings)
    {
        await using var db = Context(settings);
        var clock = new FixedClock();
        await new DatabaseInitializer(db, new Importer(db, clock), new KpiEngine(db), clock, NullLogger<DatabaseInitializer>.Instance).MigrateAsync();
    }

    /// <summary>The tables named in one file, read without attaching the other.</summary>
    private static List<string> TablesIn(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'access_log%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private static AccessLogView View(string caseId) => new(new DateTime(2026, 11, 2, 8, 0, 0), "tl@test.dk", "M0009", "Team", "vist", [caseId]);

    [Fact]
    public async Task A_view_is_logged_while_the_database_is_locked_for_writing_and_read_back_as_before()
    {
        var settings = Settings();
        await MigrateAsync(settings);

        Assert.Empty(TablesIn(Database));
        Assert.Equal(["access_log", "access_log_case_days"], TablesIn(settings.AccessLogPath!));
        using (var writer = new AccessLogWriter(settings))
        using (new SqliteWriteLock($"Data Source={Database};Pooling=False"))
        {
            // Completes while the lock is held: in one file it would wait for the lock (the control test below).
            await writer.AppendAsync(View("S1"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        }

        await using var db = Context(settings);
        var line = Assert.Single(await db.AccessLog.LinesAsync());
        Assert.Equal(("S1", "tl@test.dk", "Team"), (line.CaseId, line.UserName, line.Page));
        Assert.Equal("S1", (await db.AccessLogCaseDays.SingleAsync()).CaseId);
    }

    [Fact]
    public async Task A_recompute_or_an_import_holding_its_transaction_does_not_hold_up_the_log()
    {
        var settings = Settings();
        await MigrateAsync(settings);
        using var writer = new AccessLogWriter(settings);
        await using var db = Context(settings);
        await db.Database.OpenConnectionAsync();

        // As the engine and the importer begin their transactions (Microsoft.Data.Sqlite begins them IMMEDIATE).
        await AccessLogFile.DetachAsync(db, CancellationToken.None);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Goals.Add(new LedelsesInfo.Domain.Goal { KpiCode = LedelsesInfo.Domain.KpiCatalogue.F1.Code, UnitId = "K", Year = 2026, Target = 90 });
            await db.SaveChangesAsync();
            await writer.AppendAsync(View("S1"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
            await transaction.CommitAsync();
        }
        await db.Database.CloseConnectionAsync();

        // Opened again from the pool, the connection has the log's file attached again.
        Assert.Equal("S1", Assert.Single(await db.AccessLog.LinesAsync()).CaseId);
    }

    [Fact]
    public async Task The_writers_rehearsal_at_start_leaves_nothing_and_the_next_view_is_written()
    {
        var settings = Settings();
        await MigrateAsync(settings);
        using var writer = new AccessLogWriter(settings);

        await writer.RehearseAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        await using var db = Context(settings);
        Assert.Empty(await db.AccessLog.ToListAsync());
        Assert.Empty(await db.AccessLogCaseDays.ToListAsync());
        Assert.Equal(0, writer.Transactions);
        await writer.AppendAsync(View("S1"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("S1", Assert.Single(await db.AccessLog.LinesAsync()).CaseId);
        Assert.Equal(1, writer.Transactions);
    }

    [Fact]
    public async Task In_one_file_a_view_waits_for_the_write_lock()
    {
        var settings = Settings(separate: false);
        Assert.Null(settings.AccessLogPath);
        await MigrateAsync(settings);
        Assert.Equal(["access_log", "access_log_case_days"], TablesIn(Database));

        using var writer = new AccessLogWriter(settings);
        Task logged;
        using (new SqliteWriteLock($"Data Source={Database};Pooling=False"))
        {
            logged = writer.AppendAsync(View("S1"), CancellationToken.None);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            Assert.False(logged.IsCompleted);
        }
        await logged.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task An_older_database_has_its_log_moved_to_the_file_of_its_own_line_for_line()
    {
        var single = Settings(separate: false);
        await MigrateAsync(single);
        using (var writer = new AccessLogWriter(single))
        {
            foreach (var id in new[] { "S1", "S2", "S3" })
            {
                await writer.AppendAsync(View(id), CancellationToken.None);
            }
        }
        SqliteConnection.ClearAllPools();

        var separate = Settings();
        await MigrateAsync(separate);
        // Started again: nothing left to move, nothing doubled.
        await MigrateAsync(separate);

        Assert.Empty(TablesIn(Database));
        await using var db = Context(separate);
        Assert.Equal(["S1", "S2", "S3"], (await db.AccessLog.LinesAsync()).Select(l => l.CaseId));
        Assert.Equal(3, await db.AccessLogCaseDays.CountAsync());
    }

    [Fact]
    public async Task A_missing_log_file_stops_the_start_with_a_reason()
    {
        var settings = Settings();
        await MigrateAsync(settings);
        SqliteConnection.ClearAllPools();
        File.Delete(settings.AccessLogPath!);
        File.Delete(settings.AccessLogPath + "-wal");
        File.Delete(settings.AccessLogPath + "-shm");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => MigrateAsync(settings));
        Assert.Contains("Adgangsloggens tabel access_log findes hverken i databasen eller i adgangsloggens fil", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}
