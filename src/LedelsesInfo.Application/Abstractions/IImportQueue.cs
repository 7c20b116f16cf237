namespace LedelsesInfo.Application.Abstractions;

/// <summary>
/// The import from the browser and the drop folder (docs/formats.md, "Import from the browser"): uploads are staged,
/// previewed and, on confirm, applied and recomputed, one at a time in the background, so no request waits for an import
/// and two imports never run at once. Implemented by the infrastructure's import queue.
/// </summary>
public interface IImportQueue
{
    /// <summary>Stages the uploaded files (a zip unpacked) and queues their preview; or says, in Danish, why the upload is refused.</summary>
    Task<StagedUpload> StageAsync(IReadOnlyList<UploadedFile> files, string startedBy, CancellationToken ct);

    /// <summary>The upload and where its preview or import is; null when there is none (or it expired).</summary>
    ImportUpload? Find(Guid id);

    /// <summary>Queues the import of a previewed upload; returns why not, in Danish, or null when queued.</summary>
    string? Confirm(Guid id, bool strict, string confirmedBy);

    /// <summary>Cancels a preview: its staged files are deleted and nothing is written. False when it is already being imported.</summary>
    bool Cancel(Guid id);

    /// <summary>The uploads waiting or running, oldest first.</summary>
    IReadOnlyList<ImportUpload> Active { get; }

    /// <summary>The limits an upload must keep within.</summary>
    ImportLimits Limits { get; }

    /// <summary>The file kinds, their columns and a template of each (docs/formats.md).</summary>
    IReadOnlyList<ImportFileKind> FileKinds { get; }

    /// <summary>An empty file of a kind with its header and one example row; null for an unknown kind.</summary>
    byte[]? Template(string kind, bool spreadsheet);
}

public sealed record UploadedFile(string FileName, long Length, Func<Stream> Open);

public sealed record StagedUpload(Guid? Id, string? Refusal);

public sealed record ImportLimits(int MaxFiles, long MaxBytes, TimeSpan Expiry);

public static class ImportStates
{
    /// <summary>Nothing more will happen to the upload: imported, cancelled (or expired) or failed.</summary>
    public static bool Finished(ImportState state) => state is ImportState.Done or ImportState.Cancelled or ImportState.Failed;
}

public enum ImportState
{
    /// <summary>Waiting for its preview (another import or preview runs).</summary>
    WaitingForPreview,
    Previewing,
    /// <summary>Previewed: waiting for the administrator to confirm or cancel.</summary>
    Previewed,
    WaitingForImport,
    Importing,
    Recomputing,
    Done,
    Cancelled,
    Failed,
}

public sealed record ImportUpload(
    Guid Id,
    ImportSource Source,
    string StartedBy,
    DateTime StagedAt,
    DateTime ExpiresAt,
    ImportState State,
    int? PlaceInQueue,
    ImportStep? Step,
    IReadOnlyList<ImportFileCheck> Files,
    bool Strict,
    long? RunId,
    string? Message)
{
    public bool Finished => ImportStates.Finished(State);

    public bool Waiting => State is ImportState.WaitingForPreview or ImportState.WaitingForImport;

    public int RowsRejected => Files.Sum(f => f.RowsRejected);

    public bool AnyRefused => Files.Any(f => f.Refused);
}

/// <summary>Where a running preview or import is: file n of m, rows read in it; or the recompute.</summary>
public sealed record ImportStep(string FileName, int FileNumber, int FileCount, int RowsRead);

/// <summary>One file of an upload as the preview (and then the import) found it.</summary>
public sealed record ImportFileCheck(
    string FileName,
    string? Kind,
    string? Format,
    bool Refused,
    string? RefusalReason,
    int RowsRead,
    int RowsValid,
    int RowsRejected,
    int? RowsApplied,
    IReadOnlyList<ImportRowProblem> Errors,
    IReadOnlyList<string> Warnings);

public sealed record ImportRowProblem(int Row, string? Column, string? Value, string Reason);

public sealed record ImportFileKind(string Name, string Title, int Order, IReadOnlyList<ImportColumn> Columns);

public sealed record ImportColumn(string Name, bool Required, string Type, string Meaning, string Example);
