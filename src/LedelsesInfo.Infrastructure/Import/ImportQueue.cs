using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Threading.Channels;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LedelsesInfo.Infrastructure.Import;

/// <summary>The import's settings (<c>Import:*</c>, docs/operations.md).</summary>
public sealed record ImportSettings(string StagingFolder, int MaxFiles, long MaxBytes, TimeSpan Expiry,
    string? DropFolder, TimeSpan DropPoll, TimeSpan DropSettle);

/// <summary>
/// Runs the browser's and the drop folder's imports one at a time in the background (docs/formats.md): an upload is staged
/// in its own folder, previewed (checked, nothing written), and on confirm imported and recomputed. Every preview and
/// import waits its turn in one queue, so two never run at once and no request thread waits for one. Staged uploads that
/// are cancelled, or left previewed past <see cref="ImportSettings.Expiry"/>, are deleted. The state of an upload lives in
/// this process; what was imported is in the import history (<see cref="ImportRun"/>).
/// </summary>
public sealed class ImportQueue(IServiceScopeFactory scopes, IClock clock, ImportSettings settings, ILogger<ImportQueue> log)
    : BackgroundService, IImportQueue
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    private readonly Channel<Job> _channel = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();
    private readonly List<Job> _waiting = [];
    private Job? _running;

    public ImportLimits Limits => new(settings.MaxFiles, settings.MaxBytes, settings.Expiry);

    public IReadOnlyList<ImportFileKind> FileKinds => ImportGuide.Kinds;

    public byte[]? Template(string kind, bool spreadsheet) => ImportGuide.Template(kind, spreadsheet);

    public IReadOnlyList<ImportUpload> Active
    {
        get
        {
            Expire();
            return _jobs.Values.Where(j => !ImportStates.Finished(j.State)).OrderBy(j => j.StagedAt).Select(View).ToList();
        }
    }

    public ImportUpload? Find(Guid id)
    {
        Expire();
        return _jobs.TryGetValue(id, out var job) ? View(job) : null;
    }

    private ImportUpload View(Job job)
    {
        lock (_waiting)
        {
            var place = _waiting.IndexOf(job);
            return job.View(place < 0 ? null : place + 1 + (_running is null ? 0 : 1), settings.Expiry);
        }
    }

    public async Task<StagedUpload> StageAsync(IReadOnlyList<UploadedFile> files, string startedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return new StagedUpload(null, "Vælg mindst én fil at indlæse.");
        }
        var id = Guid.NewGuid();
        var folder = Path.Combine(settings.StagingFolder, id.ToString("N"));
        Directory.CreateDirectory(folder);
        var notes = new List<string>();
        try
        {
            var total = 0L;
            foreach (var file in files)
            {
                var name = SafeName(file.FileName);
                switch (Path.GetExtension(name).ToLowerInvariant())
                {
                    case ".csv" or ".xlsx":
                        await using (var source = file.Open())
                        {
                            total += await CopyAsync(source, Target(folder, name), settings.MaxBytes - total, ct);
                        }
                        break;
                    case ".zip":
                        var zipPath = Path.Combine(folder, ".upload-" + Guid.NewGuid().ToString("N") + ".zip");
                        await using (var source = file.Open())
                        {
                            await CopyAsync(source, zipPath, settings.MaxBytes, ct);
                        }
                        total += await UnzipAsync(zipPath, name, folder, settings.MaxBytes - total, notes, ct);
                        File.Delete(zipPath);
                        break;
                    default:
                        throw new UploadRefusedException($"'{Importer.Bounded(name, 80)}' er hverken en CSV-, XLSX- eller zip-fil. Vælg filerne fra fagsystemernes udtræk (se Importfiler).");
                }
                if (Directory.EnumerateFiles(folder).Count(f => !Path.GetFileName(f).StartsWith('.')) > settings.MaxFiles)
                {
                    throw new UploadRefusedException($"Der kan højst indlæses {settings.MaxFiles} filer ad gangen.");
                }
            }
            var staged = Directory.EnumerateFiles(folder).ToList();
            if (staged.Count == 0)
            {
                throw new UploadRefusedException("Der er ingen CSV- eller XLSX-filer i det valgte.");
            }
            var job = new Job(id, ImportSource.Browser, startedBy, clock.Now, folder, Importer.FilesOf(staged), notes.Count == 0 ? null : string.Join(" ", notes));
            _jobs[id] = job;
            Enqueue(job, ImportState.WaitingForPreview);
            return new StagedUpload(id, null);
        }
        catch (UploadRefusedException ex)
        {
            Delete(folder);
            return new StagedUpload(null, ex.Message);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            Delete(folder);
            log.LogWarning(ex, "Upload afvist");
            return new StagedUpload(null, "Filerne kunne ikke modtages (" + ex.GetType().Name + "). Prøv igen; intet er indlæst.");
        }
    }

    /// <summary>Queues the import of files already on disk (the drop folder), told when it is done.</summary>
    internal Guid EnqueueImport(IReadOnlyList<string> files, ImportSource source, string startedBy, string folder, Action<ImportUpload> finished)
    {
        var job = new Job(Guid.NewGuid(), source, startedBy, clock.Now, folder, Importer.FilesOf(files), null) { Finished = finished, DeleteWhenDone = false };
        _jobs[job.Id] = job;
        Enqueue(job, ImportState.WaitingForImport);
        return job.Id;
    }

    public string? Confirm(Guid id, bool strict, string confirmedBy)
    {
        Expire();
        if (!_jobs.TryGetValue(id, out var job))
        {
            return "Forhåndsvisningen findes ikke længere (den er udløbet eller annulleret). Vælg filerne igen.";
        }
        lock (job)
        {
            if (job.State != ImportState.Previewed)
            {
                return job.State is ImportState.WaitingForImport or ImportState.Importing or ImportState.Recomputing or ImportState.Done
                    ? "Filerne er allerede sendt til indlæsning."
                    : "Filerne kan ikke indlæses nu: " + Application.Texts.Danish.Name(job.State).ToLower(Danish) + ".";
            }
            var view = job.View(null);
            if (strict && (view.RowsRejected > 0 || view.AnyRefused))
            {
                return string.Create(Danish, $"Streng indlæsning: intet er indlæst, fordi {view.RowsRejected:N0} {(view.RowsRejected == 1 ? "række er ugyldig" : "rækker er ugyldige")}") +
                    (view.AnyRefused ? " og en fil er afvist" : "") + ". Ret filerne og vælg dem igen, eller indlæs de gyldige rækker.";
            }
            if (view.Files.All(f => f.Refused || f.RowsValid == 0))
            {
                return "Der er intet at indlæse: ingen fil har gyldige rækker.";
            }
            job.Strict = strict;
            job.StartedBy = confirmedBy;
        }
        Enqueue(job, ImportState.WaitingForImport);
        return null;
    }

    public bool Cancel(Guid id)
    {
        if (!_jobs.TryGetValue(id, out var job))
        {
            return false;
        }
        lock (job)
        {
            if (job.State is not (ImportState.WaitingForPreview or ImportState.Previewing or ImportState.Previewed))
            {
                return job.State == ImportState.Cancelled;
            }
            job.Cancellation.Cancel();
            job.Set(ImportState.Cancelled, clock.Now, "Annulleret; intet er indlæst, og de modtagne filer er slettet.");
        }
        lock (_waiting)
        {
            _waiting.Remove(job);
        }
        if (job.DeleteWhenDone)
        {
            Delete(job.Folder);
        }
        return true;
    }

    private void Enqueue(Job job, ImportState state)
    {
        lock (_waiting)
        {
            job.Set(state, clock.Now);
            _waiting.Add(job);
        }
        _channel.Writer.TryWrite(job);
    }

    /// <summary>Before the queue runs (and before the web app listens): uploads staged by an earlier process are deleted, since their state was in that process.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(settings.StagingFolder))
        {
            var known = _jobs.Values.Select(j => Path.GetFullPath(j.Folder)).ToHashSet();
            foreach (var old in Directory.EnumerateDirectories(settings.StagingFolder).Where(d => !known.Contains(Path.GetFullPath(d))))
            {
                Delete(old);
            }
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Abandoned previews expire even when no one opens the import pages again.
        _ = SweepAsync(stoppingToken);
        try
        {
            await foreach (var job in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                lock (_waiting)
                {
                    if (!_waiting.Remove(job))
                    {
                        continue; // cancelled while waiting
                    }
                    _running = job;
                }
                try
                {
                    await RunAsync(job, stoppingToken);
                }
                finally
                {
                    lock (_waiting)
                    {
                        _running = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stops; an import cut short is marked interrupted at the next start (Importer.MarkInterruptedAsync).
        }
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        var preview = job.State == ImportState.WaitingForPreview;
        // One move of the data version for an import and its recompute together, the recompute's (the import defers
        // its own): until it commits, readers are served the answers of the version before. If no recompute runs, or
        // the import or the recompute fails, the version is moved here, so no answer outlives the data it was read from.
        var versionMoved = preview;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, job.Cancellation.Token);
        try
        {
            lock (job)
            {
                if (job.State is ImportState.Cancelled)
                {
                    return;
                }
                job.Set(preview ? ImportState.Previewing : ImportState.Importing, clock.Now);
            }
            await using var scope = scopes.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<Importer>();
            var progress = new Told(p => job.Step = new ImportStep(Path.GetFileName(p.File), p.FileNumber, p.FileCount, p.RowsRead));
            var result = await importer.ImportAsync(job.Files,
                new ImportOptions(job.Strict, job.StartedBy, progress, Preview: preview, Source: job.Source, DeferDataVersion: !preview),
                preview ? linked.Token : stoppingToken);
            job.Checks = result.Files.Select(f => new ImportFileCheck(Path.GetFileName(f.File), f.Kind, f.Format, f.Refused, f.RefusalReason,
                f.RowsRead, f.RowsValid, f.RowsRejected, preview ? null : f.RowsApplied,
                f.Errors.Select(e => new ImportRowProblem(e.Row, e.Column, e.Value, e.Reason)).ToList(), f.Warnings)).ToList();
            job.Step = null;
            if (preview)
            {
                lock (job)
                {
                    if (job.State != ImportState.Cancelled)
                    {
                        job.Set(ImportState.Previewed, clock.Now);
                    }
                }
                return;
            }
            job.RunId = result.RunId;
            if (result.RowsApplied > 0)
            {
                job.Set(ImportState.Recomputing, clock.Now);
                var computed = await scope.ServiceProvider.GetRequiredService<KpiEngine>().RecomputeAsync(null, false, stoppingToken);
                versionMoved = computed is not null;
                if (computed is not null && result.RunId is { } runId)
                {
                    await importer.RecordRecomputeAsync(runId, computed.Elapsed, stoppingToken);
                }
            }
            job.Set(ImportState.Done, clock.Now, result.RowsApplied > 0
                ? string.Create(Danish, $"{result.RowsApplied:N0} {(result.RowsApplied == 1 ? "række" : "rækker")} er indlæst, og de nye nøgletal er klar.")
                : "Ingen rækker blev indlæst; nøgletallene er uændrede.");
        }
        catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // Cancelled during its preview: nothing was written.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Import {Upload} fejlede", job.Id);
            job.Step = null;
            job.Set(ImportState.Failed, clock.Now,
                $"Indlæsningen stoppede med en uventet fejl ({ex.GetType().Name}). Filer, der blev færdige, står i importhistorikken; resten er ikke indlæst.");
        }
        finally
        {
            if (!versionMoved)
            {
                await MoveDataVersionAsync();
            }
            if (ImportStates.Finished(job.State))
            {
                var view = job.View(null);
                if (job.DeleteWhenDone)
                {
                    Delete(job.Folder);
                }
                job.Finished?.Invoke(view);
            }
        }
    }

    private async Task MoveDataVersionAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>().BumpDataVersionAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Dataversionen kunne ikke flyttes efter en indlæsning; svar i cachen kan være forældede indtil næste ændring.");
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Expire();
            }
        }
        catch (OperationCanceledException)
        {
            // The host stops.
        }
    }

    /// <summary>Deletes uploads previewed and left past the expiry, and forgets finished ones after a day.</summary>
    private void Expire()
    {
        var now = clock.Now;
        foreach (var job in _jobs.Values)
        {
            var expired = false;
            lock (job)
            {
                if (job.State == ImportState.Previewed && now - job.ChangedAt >= settings.Expiry)
                {
                    job.Set(ImportState.Cancelled, now, "Forhåndsvisningen er udløbet; intet er indlæst, og de modtagne filer er slettet. Vælg filerne igen.");
                    expired = true;
                }
            }
            if (expired && job.DeleteWhenDone)
            {
                Delete(job.Folder);
            }
            if (ImportStates.Finished(job.State) && now - job.ChangedAt > TimeSpan.FromDays(1))
            {
                _jobs.TryRemove(job.Id, out _);
            }
        }
    }

    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && !Path.GetInvalidFileNameChars().Contains(c)).ToArray()).Trim();
        if (name.Length == 0 || name.StartsWith('.'))
        {
            throw new UploadRefusedException("En fil har intet brugbart navn. Giv filen navn efter sin slags, fx cases.csv.");
        }
        return name.Length > 120 ? name[..120] : name;
    }

    private static string Target(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (File.Exists(path))
        {
            throw new UploadRefusedException($"Filen '{Importer.Bounded(name, 80)}' er valgt to gange.");
        }
        return path;
    }

    /// <summary>Copies at most <paramref name="room"/> bytes; more refuses the upload.</summary>
    private async Task<long> CopyAsync(Stream source, string path, long room, CancellationToken ct)
    {
        await using var target = File.Create(path);
        var buffer = new byte[1 << 16];
        var copied = 0L;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            copied += read;
            if (copied > room)
            {
                throw new UploadRefusedException(string.Create(Danish,
                    $"Filerne fylder mere end de {settings.MaxBytes / 1024 / 1024:N0} MB, der kan indlæses ad gangen. Del dem op, eller brug importmappen."));
            }
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return copied;
    }

    /// <summary>The CSV and XLSX files of a zip, by their own names; anything else in it is named and skipped. A bomb stops at the limit.</summary>
    private async Task<long> UnzipAsync(string zipPath, string zipName, string folder, long room, List<string> notes, CancellationToken ct)
    {
        var total = 0L;
        var skipped = new List<string>();
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException)
        {
            throw new UploadRefusedException($"'{Importer.Bounded(zipName, 80)}' er ikke en gyldig zip-fil.");
        }
        using (archive)
        {
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }
                var name = Path.GetFileName(entry.FullName.Replace('\\', '/'));
                if (Path.GetExtension(name).ToLowerInvariant() is not (".csv" or ".xlsx") || name.StartsWith('.') || entry.FullName.StartsWith("__MACOSX", StringComparison.Ordinal))
                {
                    skipped.Add(name);
                    continue;
                }
                try
                {
                    await using var source = entry.Open();
                    total += await CopyAsync(source, Target(folder, SafeName(name)), room - total, ct);
                }
                catch (InvalidDataException)
                {
                    throw new UploadRefusedException($"'{Importer.Bounded(name, 80)}' i '{Importer.Bounded(zipName, 80)}' kan ikke pakkes ud (zip-filen er ødelagt).");
                }
            }
        }
        if (skipped.Count > 0)
        {
            notes.Add($"I '{Importer.Bounded(zipName, 80)}' er {skipped.Count} {(skipped.Count == 1 ? "fil" : "filer")} hverken CSV eller XLSX og er sprunget over: " +
                Importer.Bounded(string.Join(", ", skipped.Take(10)), 300) + (skipped.Count > 10 ? " …" : "") + ".");
        }
        return total;
    }

    private void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException ex)
        {
            log.LogWarning(ex, "Kunne ikke slette {Folder}", folder);
        }
    }

    private sealed class UploadRefusedException(string message) : Exception(message);

    /// <summary>Progress told synchronously on the importer's thread (Progress&lt;T&gt; would post it to the thread pool).</summary>
    private sealed class Told(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    private sealed class Job(Guid id, ImportSource source, string startedBy, DateTime stagedAt, string folder, IReadOnlyList<string> files, string? note)
    {
        public Guid Id { get; } = id;
        public ImportSource Source { get; } = source;
        public string StartedBy { get; set; } = startedBy;
        public DateTime StagedAt { get; } = stagedAt;
        public string Folder { get; } = folder;
        public IReadOnlyList<string> Files { get; } = files;
        public bool DeleteWhenDone { get; init; } = true;
        public Action<ImportUpload>? Finished { get; init; }
        public CancellationTokenSource Cancellation { get; } = new();
        public ImportState State { get; private set; }
        public DateTime ChangedAt { get; private set; } = stagedAt;
        public volatile ImportStep? Step;
        public IReadOnlyList<ImportFileCheck> Checks { get; set; } = [];
        public bool Strict { get; set; }
        public long? RunId { get; set; }
        private string? _message = note;
        private readonly string? _note = note;

        public void Set(ImportState state, DateTime at, string? message = null)
        {
            State = state;
            ChangedAt = at;
            if (message is not null)
            {
                _message = _note is null ? message : message + " " + _note;
            }
        }

        public ImportUpload View(int? place, TimeSpan expiry = default) =>
            new(Id, Source, StartedBy, StagedAt, ChangedAt + expiry, State, place, Step, Checks, Strict, RunId, _message);
    }
}

public static class ImportServiceCollectionExtensions
{
    /// <summary>The import queue and, when <c>Import:DropFolder</c> is set, the drop-folder watcher: for the web host.</summary>
    public static IServiceCollection AddLedelsesInfoImportQueue(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Import");
        var settings = new ImportSettings(
            section["StagingFolder"] ?? Path.Combine(dataFolder, "import-staging"),
            int.TryParse(section["MaxFiles"], CultureInfo.InvariantCulture, out var files) ? files : 20,
            (long.TryParse(section["MaxMegabytes"], CultureInfo.InvariantCulture, out var mb) ? mb : 500) * 1024 * 1024,
            TimeSpan.FromMinutes(double.TryParse(section["ExpiryMinutes"], CultureInfo.InvariantCulture, out var expiry) ? expiry : 60),
            string.IsNullOrWhiteSpace(section["DropFolder"]) ? null : section["DropFolder"],
            TimeSpan.FromSeconds(double.TryParse(section["DropPollSeconds"], CultureInfo.InvariantCulture, out var poll) ? poll : 30),
            TimeSpan.FromSeconds(double.TryParse(section["DropSettleSeconds"], CultureInfo.InvariantCulture, out var settle) ? settle : 60));
        services.AddSingleton(settings);
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<IImportQueue>(sp => sp.GetRequiredService<ImportQueue>());
        services.AddHostedService(sp => sp.GetRequiredService<ImportQueue>());
        services.AddHostedService<DropFolderWatcher>();
        return services;
    }
}
