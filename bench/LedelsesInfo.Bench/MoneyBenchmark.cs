using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LedelsesInfo.Bench;

/// <summary>
/// Measures the choice in docs/decisions/0005: on SQLite, EF 10 stores decimal as TEXT and sums it with a
/// function it registers (exact, slower); money as whole øre in an INTEGER sums natively (exact, fast).
/// Both are checked against the exact decimal total computed in C#.
/// </summary>
public static class MoneyBenchmark
{
    public sealed class AsText
    {
        public int Id { get; set; }
        public int Unit { get; set; }
        public decimal Amount { get; set; }
    }

    public sealed class AsOre
    {
        public int Id { get; set; }
        public int Unit { get; set; }
        public decimal Amount { get; set; }
    }

    private sealed class MoneyContext(DbContextOptions<MoneyContext> options) : DbContext(options)
    {
        public DbSet<AsText> Text => Set<AsText>();
        public DbSet<AsOre> Ore => Set<AsOre>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<AsOre>().Property(p => p.Amount)
                .HasConversion(new ValueConverter<decimal, long>(v => (long)(v * 100m), v => v / 100m));
    }

    public static async Task RunAsync(int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"money-bench-{Environment.ProcessId}.db");
        var options = new DbContextOptionsBuilder<MoneyContext>().UseSqlite($"Data Source={path}").Options;
        await using var db = new MoneyContext(options);
        await db.Database.EnsureDeletedAsync();
        await db.Database.EnsureCreatedAsync();

        var random = new Random(1);
        var amounts = Enumerable.Range(0, rows).Select(_ => random.Next(-50_000, 20_000_000) / 100m).ToArray();
        var expected = amounts.Select((a, i) => (Unit: i % 24, a)).GroupBy(x => x.Unit).ToDictionary(g => g.Key, g => g.Sum(x => x.a));
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using var text = connection.CreateCommand();
            text.CommandText = "INSERT INTO Text (Id, Unit, Amount) VALUES ($i, $u, $a)";
            await using var ore = connection.CreateCommand();
            ore.CommandText = "INSERT INTO Ore (Id, Unit, Amount) VALUES ($i, $u, $a)";
            foreach (var command in new[] { text, ore })
            {
                command.Parameters.Add("$i", SqliteType.Integer);
                command.Parameters.Add("$u", SqliteType.Integer);
                command.Parameters.Add("$a", command == text ? SqliteType.Text : SqliteType.Integer);
            }
            for (var i = 0; i < rows; i++)
            {
                text.Parameters[0].Value = ore.Parameters[0].Value = i + 1;
                text.Parameters[1].Value = ore.Parameters[1].Value = i % 24;
                text.Parameters[2].Value = amounts[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
                ore.Parameters[2].Value = (long)(amounts[i] * 100m);
                await text.ExecuteNonQueryAsync();
                await ore.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }

        var (textMs, textExact) = await TimeAsync(() => db.Text.GroupBy(p => p.Unit).Select(g => new { g.Key, Sum = g.Sum(p => p.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum), expected);
        var (oreMs, oreExact) = await TimeAsync(() => db.Ore.GroupBy(p => p.Unit).Select(g => new { g.Key, Sum = g.Sum(p => p.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum), expected);
        var (doubleMs, doubleExact) = await TimeAsync(async () =>
            (await db.Text.GroupBy(p => p.Unit).Select(g => new { g.Key, Sum = g.Sum(p => (double)p.Amount) }).ToListAsync()).ToDictionary(x => x.Key, x => (decimal)x.Sum), expected);

        Console.WriteLine($"| rækker | decimal som TEXT (EF 10) | (double)-cast | øre som INTEGER |");
        Console.WriteLine($"|---:|---:|---:|---:|");
        Console.WriteLine($"| {rows:N0} | {textMs:N0} ms, {(textExact ? "eksakt" : "UNØJAGTIG")} | {doubleMs:N0} ms, {(doubleExact ? "eksakt" : "unøjagtig")} | {oreMs:N0} ms, {(oreExact ? "eksakt" : "UNØJAGTIG")} |");
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    private static async Task<(double Ms, bool Exact)> TimeAsync(Func<Task<Dictionary<int, decimal>>> query, Dictionary<int, decimal> expected)
    {
        await query(); // warm up: compile the query and load pages
        var best = double.MaxValue;
        Dictionary<int, decimal> result = [];
        for (var i = 0; i < 3; i++)
        {
            var start = Stopwatch.GetTimestamp();
            result = await query();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return (best, expected.All(e => result.TryGetValue(e.Key, out var v) && v == e.Value));
    }
}
