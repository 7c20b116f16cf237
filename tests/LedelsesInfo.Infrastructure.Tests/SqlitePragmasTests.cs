using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>What every SQLite connection the portal opens is set up with (<see cref="Persistence.SqlitePragmas"/>).</summary>
public sealed class SqlitePragmasTests : IDisposable
{
    private readonly TestDatabase database = new();

    private static async Task<long> PragmaAsync(DbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_connection_syncs_at_checkpoints_waits_for_a_busy_writer_and_keeps_a_small_page_cache()
    {
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync();

        Assert.Equal(1, await PragmaAsync(db, "synchronous")); // NORMAL
        Assert.Equal(30_000, await PragmaAsync(db, "busy_timeout"));
        // 512 KiB, not SQLite's 2 MB: a page holds its connection for the whole request, so the pool keeps one per request in flight.
        Assert.Equal(-512, await PragmaAsync(db, "cache_size"));
    }

    public void Dispose() => database.Dispose();
}
