using System.Text;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LedelsesInfo.Infrastructure.Tests.Import;

/// <summary>The import queue on a real database: one preview or import at a time, the rest told their place in the queue.</summary>
public sealed class ImportQueueTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private (ImportQueue Queue, ServiceProvider Services) NewQueue(TimeSpan? expiry = null)
    {
        var services = new ServiceCollection();
        services.AddLedelsesInfoInfrastructure(new DatabaseSettings(DatabaseProvider.Sqlite, _db.ConnectionString));
        services.AddSingleton<IClock, FixedClock>();
        var provider = services.BuildServiceProvider();
        var settings = new ImportSettings(Path.Combine(_db.Folder, "staging"), 20, 10 * 1024 * 1024, expiry ?? TimeSpan.FromHours(1), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        return (new ImportQueue(provider.GetRequiredService<IServiceScopeFactory>(), new FixedClock(), settings, NullLogger<ImportQueue>.Instance), provider);
    }

    private static UploadedFile File(string name, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new UploadedFile(name, bytes.Length, () => new MemoryStream(bytes));
    }

    [Fact]
    public async Task Uploads_wait_their_turn_with_their_place_and_are_previewed_and_imported_one_at_a_time()
    {
        Files.Basics(_db.Folder);
        await _db.ImportAsync(_db.Folder);
        var (queue, services) = NewQueue();
        await using var _ = services;

        var first = await queue.StageAsync([File("goals.csv", "kpi_code;unit_id;year;target\nU2;K;2026;95\n")], "første", CancellationToken.None);
        var second = await queue.StageAsync([File("goals.csv", "kpi_code;unit_id;year;target\nU3;K;2026;90\n")], "anden", CancellationToken.None);

        // Before the worker runs, both wait: the first as number 1, the second as number 2.
        Assert.Equal((ImportState.WaitingForPreview, 1), (queue.Find(first.Id!.Value)!.State, queue.Find(first.Id.Value)!.PlaceInQueue));
        Assert.Equal((ImportState.WaitingForPreview, 2), (queue.Find(second.Id!.Value)!.State, queue.Find(second.Id.Value)!.PlaceInQueue));
        Assert.Equal(2, queue.Active.Count);

        await queue.StartAsync(CancellationToken.None);
        try
        {
            await UntilAsync(queue, first.Id.Value, ImportState.Previewed);
            await UntilAsync(queue, second.Id.Value, ImportState.Previewed);
            await using (var db = _db.NewContext())
            {
                Assert.Equal(0, await db.Goals.CountAsync(g => g.Year == 2026));
            }

            Assert.Equal(1, queue.Find(first.Id.Value)!.Files.Single().RowsValid);
            Assert.Null(queue.Confirm(first.Id.Value, strict: false, "første"));
            Assert.Null(queue.Confirm(second.Id.Value, strict: true, "anden"));
            await UntilAsync(queue, first.Id.Value, ImportState.Done);
            await UntilAsync(queue, second.Id.Value, ImportState.Done);
        }
        finally
        {
            await queue.StopAsync(CancellationToken.None);
        }

        await using var check = _db.NewContext();
        Assert.Equal(2, await check.Goals.CountAsync(g => g.Year == 2026));
        var runs = await check.ImportRuns.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(["første", "anden"], runs.TakeLast(2).Select(r => r.StartedBy));
        Assert.All(runs.TakeLast(2), r => Assert.Equal(ImportSource.Browser, r.Source));
        Assert.False(Directory.EnumerateDirectories(Path.Combine(_db.Folder, "staging")).Any(), "de modtagne filer blev ikke slettet efter indlæsningen");
    }

    [Fact]
    public async Task An_import_and_its_recompute_move_the_data_version_once_so_readers_keep_the_old_answers_until_the_figures_are_ready()
    {
        Files.Basics(_db.Folder);
        await _db.ImportAsync(_db.Folder);
        var (queue, services) = NewQueue();
        await using var _ = services;
        async Task<long> VersionAsync()
        {
            await using var db = _db.NewContext();
            return await db.DataVersions.Where(v => v.Id == LedelsesInfo.Domain.DataVersion.SingleId).Select(v => v.Version).SingleAsync();
        }

        var upload = await queue.StageAsync(
        [
            File("cases.csv", "case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on\nS1;B1;2015-01-01;T1;M1;2026-01-01;\nS2;B2;2016-01-01;T1;M2;2026-02-01;\n"),
            File("notifications.csv", "notification_id;unit_id;child_id;case_id;received_at;assessed_at;professional;receipt_sent_on\nN1;T1;B1;S1;2026-03-01 10:00;2026-03-01 12:00;ja;2026-03-05\n"),
        ], "leder", CancellationToken.None);
        await queue.StartAsync(CancellationToken.None);
        try
        {
            await UntilAsync(queue, upload.Id!.Value, ImportState.Previewed);
            var before = await VersionAsync();
            Assert.Null(queue.Confirm(upload.Id.Value, strict: false, "leder"));
            await UntilAsync(queue, upload.Id.Value, ImportState.Done);

            // Two files, the run's own rows and the recompute: one move, the recompute's, when the new figures are there.
            Assert.Equal(before + 1, await VersionAsync());
            await using var db = _db.NewContext();
            Assert.Equal(2, await db.Cases.CountAsync());
            Assert.True(await db.KpiSnapshots.AnyAsync());

            // The next upload moves it once more, whatever it holds.
            var again = await queue.StageAsync([File("goals.csv", "kpi_code;unit_id;year;target\nU2;K;2026;95\n")], "leder", CancellationToken.None);
            await UntilAsync(queue, again.Id!.Value, ImportState.Previewed);
            Assert.Null(queue.Confirm(again.Id.Value, strict: false, "leder"));
            await UntilAsync(queue, again.Id.Value, ImportState.Done);
            Assert.Equal(before + 2, await VersionAsync());
        }
        finally
        {
            await queue.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// A stop while a file's rows are written, as a deploy or a recycle stops the web app: the queue hands its stopping
    /// token to the importer, which is cancelled here at the file's first progress step, inside its transaction (the
    /// queue's own timing would let a fast machine finish the file first).
    /// </summary>
    [Fact]
    public async Task A_stop_during_an_import_rolls_its_file_back_and_its_batch_says_it_was_stopped()
    {
        Files.Basics(_db.Folder);
        await _db.ImportAsync(_db.Folder);
        var folder = Path.Combine(_db.Folder, "stop");
        Directory.CreateDirectory(folder);
        var payments = new StringBuilder("payment_id;unit_id;function;activity_id;posted_on;amount\n");
        for (var i = 0; i < 120_000; i++)
        {
            payments.Append("STOP").Append(i).Append(";T1;5.28.21;;2026-01-").Append((1 + (i % 28)).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append(";100,00\n");
        }
        await System.IO.File.WriteAllTextAsync(Path.Combine(folder, "payments.csv"), payments.ToString());
        using var stop = new CancellationTokenSource();
        var stopAtFirstStep = new StopAt(stop, rowsRead: 1);

        await using (var db = _db.NewContext())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new Importer(db, new FixedClock()).ImportAsync([folder], new ImportOptions(ImportedBy: "natkørsel", Progress: stopAtFirstStep), stop.Token));
        }

        Assert.True(stopAtFirstStep.Stopped);
        await using var check = _db.NewContext();
        Assert.Equal(0, await check.Payments.CountAsync(p => p.Id.StartsWith("STOP")));
        var batch = await check.ImportBatches.SingleAsync(b => b.FileName == "payments.csv");
        Assert.Equal((ImportStatus.Interrupted, Importer.StoppedMessage), (batch.Status, batch.Message));
        Assert.NotNull(batch.FinishedAt);
        Assert.NotNull((await check.ImportRuns.SingleAsync(r => r.StartedBy == "natkørsel")).FinishedAt);
    }

    /// <summary>Told of the import's progress on its own thread, as the queue's is: stops it once the rows read reach a number.</summary>
    private sealed class StopAt(CancellationTokenSource stop, int rowsRead) : IProgress<ImportProgress>
    {
        public bool Stopped { get; private set; }

        public void Report(ImportProgress value)
        {
            if (value.RowsRead >= rowsRead && !Stopped)
            {
                Stopped = true;
                stop.Cancel();
            }
        }
    }

    [Fact]
    public async Task A_preview_left_past_its_expiry_is_cancelled_and_its_files_deleted()
    {
        Files.Basics(_db.Folder);
        await _db.ImportAsync(_db.Folder);
        var (queue, services) = NewQueue(expiry: TimeSpan.Zero);
        await using var _ = services;
        await queue.StartAsync(CancellationToken.None);
        try
        {
            var staged = await queue.StageAsync([File("goals.csv", "kpi_code;unit_id;year;target\nU2;K;2026;95\n")], "a", CancellationToken.None);
            for (var i = 0; i < 600 && queue.Find(staged.Id!.Value)!.State is not (ImportState.Cancelled or ImportState.Previewed); i++)
            {
                await Task.Delay(50);
            }
            // The clock stands still, so "past the expiry" (zero) holds at the next look.
            var upload = queue.Find(staged.Id!.Value)!;

            Assert.Equal(ImportState.Cancelled, upload.State);
            Assert.StartsWith("Forhåndsvisningen er udløbet", upload.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_db.Folder, "staging")));
            Assert.NotNull(queue.Confirm(staged.Id.Value, strict: false, "a"));
        }
        finally
        {
            await queue.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_upload_outside_the_limits_is_refused_in_danish_and_leaves_no_files()
    {
        var (queue, services) = NewQueue();
        await using var _ = services;

        var tooBig = await queue.StageAsync([File("payments.csv", new string('x', 11 * 1024 * 1024))], "a", CancellationToken.None);
        var twice = await queue.StageAsync([File("goals.csv", "x"), File("goals.csv", "y")], "a", CancellationToken.None);
        var none = await queue.StageAsync([], "a", CancellationToken.None);

        Assert.Equal("Filerne fylder mere end de 10 MB, der kan indlæses ad gangen. Del dem op, eller brug importmappen.", tooBig.Refusal);
        Assert.Equal("Filen 'goals.csv' er valgt to gange.", twice.Refusal);
        Assert.Equal("Vælg mindst én fil at indlæse.", none.Refusal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_db.Folder, "staging")));
    }

    private static async Task UntilAsync(ImportQueue queue, Guid id, ImportState state)
    {
        for (var i = 0; i < 600; i++)
        {
            var upload = queue.Find(id)!;
            if (upload.State == state)
            {
                return;
            }
            Assert.False(upload.State is ImportState.Failed or ImportState.Cancelled, upload.Message);
            await Task.Delay(100);
        }
        throw new TimeoutException($"{id} nåede ikke {state}");
    }
}
