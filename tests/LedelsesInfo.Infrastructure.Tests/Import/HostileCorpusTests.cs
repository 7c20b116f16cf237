using System.Text.RegularExpressions;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.Import;

/// <summary>
/// The hostile corpus through the command line, one process per file as an operator would run it: each file exits 1 or 2
/// with a Danish reason, nothing imported before is lost or changed, no batch is left running, and no import's peak
/// memory reaches 300 MB. (The same corpus through the browser's import: <see cref="HostileCorpusWebTests"/>.)
/// </summary>
public sealed partial class HostileCorpusTests : IDisposable
{
    public const int PeakMemoryLimitMb = 300;
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Every_hostile_file_is_refused_or_rejected_in_danish_through_the_cli_and_changes_nothing()
    {
        var basics = Directory.CreateDirectory(Path.Combine(_db.Folder, "basics")).FullName;
        Files.Basics(basics);
        var (exit, output) = await CliProcess.RunAsync(null, "import", basics, $"--ConnectionStrings:Default={_db.ConnectionString}");
        Assert.True(exit == 0, output);
        var before = await SnapshotAsync(_db.ConnectionString);
        var corpus = HostileCorpus.WriteTo(Directory.CreateDirectory(Path.Combine(_db.Folder, "corpus")).FullName);
        Assert.True(corpus.Count >= 40, $"korpusset har kun {corpus.Count} filer");

        // Two processes at a time, each on its own copy of the database (two imports never share one), as the two cores allow.
        var copy = Path.Combine(_db.Folder, "copy.db");
        File.Copy(Path.Combine(_db.Folder, "test.db"), copy);
        // The access log's own file goes with the copy, as with a backup (the CLI moved the log there at its start).
        File.Copy(AccessLogFile.PathFor(_db.ConnectionString)!, AccessLogFile.PathFor($"Data Source={copy}")!);
        string[] connections = [_db.ConnectionString, $"Data Source={copy};Pooling=False"];
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(connections.Select((connection, worker) => Task.Run(async () =>
        {
            foreach (var file in corpus.Where((_, i) => i % connections.Length == worker))
            {
                var (exit, output) = await CliProcess.RunAsync(new Dictionary<string, string> { ["LEDELSESINFO_PROFILE"] = "1" },
                    "import", file, $"--ConnectionStrings:Default={connection}");
                if (Problem(file, exit, output) is { } problem)
                {
                    failures.Add($"{Path.GetRelativePath(_db.Folder, file)}: {problem}");
                }
            }
        })));

        Assert.True(failures.IsEmpty, string.Join("\n\n", failures));
        foreach (var database in new[] { _db.ConnectionString, connections[1] })
        {
            Assert.Equal(before, await SnapshotAsync(database));
            await using var db = TestDatabase.Open(database);
            Assert.False(await db.ImportBatches.AnyAsync(b => b.Status == ImportStatus.Running));
        }
        await using (var db = _db.NewContext())
        {
            await using var other = TestDatabase.Open(connections[1]);
            Assert.Equal(corpus.Count, await db.ImportBatches.CountAsync(b => b.Status == ImportStatus.Refused || b.Status == ImportStatus.PartlyApplied)
                + await other.ImportBatches.CountAsync(b => b.Status == ImportStatus.Refused || b.Status == ImportStatus.PartlyApplied));
        }
    }

    /// <summary>What is wrong with one file's import, or null: exit 1 or 2, refused or every row rejected, a Danish reason, no stack trace, under the memory limit.</summary>
    private static string? Problem(string file, int exit, string output)
    {
        var name = Path.GetFileName(file);
        var summary = output.Split('\n').FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal)) ?? "";
        var peak = PeakMemory().Match(output) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        var refused = summary.Contains(": afvist – ", StringComparison.Ordinal);
        var allRejected = Regex.IsMatch(summary, @"rækker læst, 0 indlæst, [1-9][\d.]* afvist");
        var reason = refused ? summary : output;
        return exit is not (1 or 2) || !(refused || allRejected) || output.Contains("Exception", StringComparison.Ordinal) || output.Contains("   at ", StringComparison.Ordinal)
            || !HostileCorpus.DanishWords.Any(w => reason.Contains(w, StringComparison.Ordinal)) || peak is < 0 or >= PeakMemoryLimitMb
            ? $"exit {exit}, {peak} MB: {output[..Math.Min(output.Length, 600)]}"
            : null;
    }

    /// <summary>Every data table's rows, as text: what must be the same after the corpus as before it.</summary>
    public static async Task<string> SnapshotAsync(string connectionString)
    {
        await using var db = TestDatabase.Open(connectionString);
        var units = await db.OrgUnits.OrderBy(u => u.Id).Select(u => u.Id + "|" + u.ParentId + "|" + u.Name).ToListAsync();
        var employees = await db.Employees.OrderBy(e => e.Id).Select(e => e.Id + "|" + e.Name + "|" + e.UnitId + "|" + e.Login).ToListAsync();
        var counts = new[]
        {
            await db.Cases.CountAsync(), await db.Notifications.CountAsync(), await db.Examinations.CountAsync(), await db.Activities.CountAsync(),
            await db.ActivityEvents.CountAsync(), await db.Payments.CountAsync(), await db.BudgetLines.CountAsync(), await db.HrMonths.CountAsync(),
            await db.Goals.CountAsync(), await db.Populations.CountAsync(),
        };
        return string.Join("\n", units.Concat(employees).Append(string.Join(",", counts)));
    }

    [GeneratedRegex(@"peak_memory_mb=(\d+)")]
    private static partial Regex PeakMemory();
}
