using System.Globalization;
using System.Text;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LedelsesInfo.Infrastructure.Import;

/// <summary>
/// The nightly run's drop folder (<c>Import:DropFolder</c>, docs/operations.md): the source systems' exports land there; once
/// the CSV and XLSX files in it have stopped changing for <see cref="ImportSettings.DropSettle"/>, the set is moved to
/// <c>behandles/&lt;tid&gt;</c>, imported through the import queue like an upload, and moved to <c>done/&lt;tid&gt;</c>, or
/// <c>failed/&lt;tid&gt;</c> when a file was refused or the run failed, with <c>rapport.txt</c> beside the files.
/// The history shows the run as any other, with "Importmappe" as its source.
/// </summary>
public sealed class DropFolderWatcher(ImportQueue queue, ImportSettings settings, IClock clock, ILogger<DropFolderWatcher> log) : BackgroundService
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    public const string Processing = "behandles";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string ReportName = "rapport.txt";

    private Dictionary<string, (long Length, DateTime Written)> _seen = [];
    private volatile bool _busy;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.DropFolder is not { } drop)
        {
            return;
        }
        Directory.CreateDirectory(drop);
        RecoverInterrupted(drop);
        using var timer = new PeriodicTimer(settings.DropPoll);
        do
        {
            try
            {
                Poll(drop);
            }
            catch (IOException ex)
            {
                log.LogWarning(ex, "Importmappen {Folder} kunne ikke læses", drop);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One look at the folder: a set that has not changed since the last look, and not for the settle time, is imported.</summary>
    internal void Poll(string drop)
    {
        if (_busy)
        {
            return;
        }
        var files = Directory.EnumerateFiles(drop)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".csv" or ".xlsx")
            .Select(f => new FileInfo(f))
            .ToDictionary(f => f.FullName, f => (Length: f.Length, Written: f.LastWriteTimeUtc));
        var settled = files.Count > 0
            && files.Count == _seen.Count
            && files.All(f => _seen.TryGetValue(f.Key, out var before) && before == f.Value)
            && files.Values.All(f => DateTime.UtcNow - f.Written >= settings.DropSettle);
        _seen = files;
        if (!settled)
        {
            return;
        }
        var stamp = clock.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var work = Path.Combine(drop, Processing, stamp);
        Directory.CreateDirectory(work);
        var moved = new List<string>();
        foreach (var file in files.Keys)
        {
            var target = Path.Combine(work, Path.GetFileName(file));
            File.Move(file, target);
            moved.Add(target);
        }
        _seen = [];
        _busy = true;
        log.LogInformation("Importmappen: {Count} filer indlæses fra {Folder}", moved.Count, work);
        queue.EnqueueImport(moved, ImportSource.DropFolder, "importmappe", work, upload => Finish(drop, work, stamp, upload));
    }

    private void Finish(string drop, string work, string stamp, ImportUpload upload)
    {
        try
        {
            var failed = upload.State != ImportState.Done || upload.AnyRefused;
            File.WriteAllText(Path.Combine(work, ReportName), Report(upload), new UTF8Encoding(true));
            var target = Path.Combine(drop, failed ? Failed : Done, stamp);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(work, target);
        }
        catch (IOException ex)
        {
            log.LogError(ex, "Importmappen: {Folder} kunne ikke flyttes efter indlæsningen", work);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>A set left in "behandles" by a process that stopped is moved to failed with a report that says so.</summary>
    private static void RecoverInterrupted(string drop)
    {
        var processing = Path.Combine(drop, Processing);
        if (!Directory.Exists(processing))
        {
            return;
        }
        foreach (var work in Directory.EnumerateDirectories(processing))
        {
            File.WriteAllText(Path.Combine(work, ReportName),
                "Indlæsningen blev afbrudt: portalen stoppede, før den var færdig. Se importhistorikken for, hvad der kom ind; læg filerne i importmappen igen.\r\n",
                new UTF8Encoding(true));
            var target = Path.Combine(drop, Failed, Path.GetFileName(work));
            Directory.CreateDirectory(Path.Combine(drop, Failed));
            Directory.Move(work, Directory.Exists(target) ? target + "-afbrudt" : target);
        }
    }

    /// <summary>The report beside the files: per file what was read, applied and rejected, and the first errors.</summary>
    internal static string Report(ImportUpload upload)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Importmappe, {upload.StagedAt.ToString("d. MMMM yyyy 'kl.' HH:mm", Danish)}: {Application.Texts.Danish.Name(upload.State)}");
        if (upload.RunId is { } run)
        {
            text.Append(CultureInfo.InvariantCulture, $" (importkørsel {run})");
        }
        text.Append("\r\n");
        if (upload.Message is { } message)
        {
            text.Append(message).Append("\r\n");
        }
        foreach (var file in upload.Files)
        {
            text.Append("\r\n").Append(file.Refused
                ? $"{file.FileName}: afvist – {file.RefusalReason}"
                : string.Create(Danish, $"{file.FileName}: {file.RowsRead:N0} rækker læst, {file.RowsApplied ?? 0:N0} indlæst, {file.RowsRejected:N0} afvist")).Append("\r\n");
            foreach (var warning in file.Warnings)
            {
                text.Append("  advarsel: ").Append(warning).Append("\r\n");
            }
            foreach (var error in file.Errors.Take(200))
            {
                text.Append(CultureInfo.InvariantCulture, $"  række {error.Row}")
                    .Append(error.Column is null ? "" : $", kolonne {error.Column}")
                    .Append(error.Value is null ? "" : $" (værdi '{error.Value}')")
                    .Append(": ").Append(error.Reason).Append("\r\n");
            }
            if (file.Errors.Count > 200)
            {
                text.Append(CultureInfo.InvariantCulture, $"  … se alle fejl i importhistorikken\r\n");
            }
        }
        return text.ToString();
    }
}
