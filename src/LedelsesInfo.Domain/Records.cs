namespace LedelsesInfo.Domain;

public enum ImportStatus
{
    [Code("koerer")] Running,
    [Code("gennemfoert")] Completed,
    [Code("delvist")] PartlyApplied,
    [Code("afvist")] Refused,
    /// <summary>The process stopped before the batch was finished; found and marked at the next start.</summary>
    [Code("afbrudt")] Interrupted,
}

/// <summary>Where an import run came from.</summary>
public enum ImportSource
{
    [Code("kommandolinje")] CommandLine,
    [Code("browser")] Browser,
    [Code("mappe")] DropFolder,
}

/// <summary>
/// One import run: the files given together (a folder, an upload, a drop-folder set), who started it and how long it and
/// the recompute after it took. Each of its files is an <see cref="ImportBatch"/>.
/// </summary>
public sealed class ImportRun
{
    public long Id { get; set; }
    public ImportSource Source { get; set; }
    public string? StartedBy { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public bool Strict { get; set; }
    public int Files { get; set; }
    public int RowsApplied { get; set; }
    public int RowsRejected { get; set; }
    public int FilesRefused { get; set; }
    /// <summary>The recompute after the run, in seconds; null when none ran (nothing applied) or it has not finished.</summary>
    public double? RecomputeSeconds { get; set; }
    public List<ImportBatch> Batches { get; set; } = [];
}

/// <summary>One imported file: what was read, applied and rejected, kept for the web to show.</summary>
public sealed class ImportBatch
{
    public long Id { get; set; }
    /// <summary>The run the file was part of; null for batches from before runs were kept.</summary>
    public long? RunId { get; set; }
    public required string FileName { get; set; }
    public required string FileKind { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public ImportStatus Status { get; set; }
    public bool Strict { get; set; }
    public string? ImportedBy { get; set; }
    public int RowsRead { get; set; }
    public int RowsApplied { get; set; }
    public int RowsRejected { get; set; }
    /// <summary>
    /// The earliest day whose key figures the rows this file added or changed can affect (docs/key-figures.md's periods from it on
    /// are recomputed); <see cref="DateOnly.MinValue"/> when everything must be (a new unit, a case moved to another team);
    /// null when the file changed nothing the figures are computed from.
    /// </summary>
    public DateOnly? ChangedFrom { get; set; }
    /// <summary>Why a whole file was refused (missing column, unreadable encoding), or the warnings of an accepted one.</summary>
    public string? Message { get; set; }
    public List<ImportRowError> Errors { get; set; } = [];
}

public sealed class ImportRowError
{
    public long Id { get; set; }
    public long ImportBatchId { get; set; }
    public int RowNumber { get; set; }
    public string? Column { get; set; }
    public string? Value { get; set; }
    public required string Reason { get; set; }
}

/// <summary>
/// One sign-in, checked on every request (docs/security.md): signing out ends it, so a copied cookie is worth nothing
/// afterwards, and a development sign-in whose employee is gone from the table or moved to another unit or role no longer holds.
/// Kept in the database, so every web instance sees the same.
/// </summary>
public sealed class SignInSession
{
    public required string Id { get; set; }
    public required string UserName { get; set; }
    public string? EmployeeId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

/// <summary>
/// Every view of person-level case data (GDPR: the citizen may ask who looked, and when): one row a view, with the cases
/// it showed packed in <see cref="CaseIds"/> as a JSON array of their ids, or null for a refusal without a case. A row a
/// case took 139 bytes, and a team leader's week shows some 250 cases; packed, a view takes its cases' ids and one row
/// (docs/performance.md). "Who has seen this case" finds the days in <see cref="AccessLogCaseDay"/>, narrows each day's
/// views by <see cref="Needle"/> and keeps those whose <see cref="Cases"/> hold the id.
/// </summary>
public sealed class AccessLogEntry
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string UserName { get; set; }
    public string? EmployeeId { get; set; }
    public string? CaseIds { get; set; }
    public required string Page { get; set; }
    public required string Action { get; set; }

    /// <summary>The cases a view showed, packed for <see cref="CaseIds"/>: null when it showed none.</summary>
    public static string? Pack(IEnumerable<string?> caseIds)
    {
        var ids = caseIds.OfType<string>().ToList();
        return ids.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(ids, Json);
    }

    /// <summary>
    /// The text a packed list holding the id contains: the id as a JSON string, quotes included. Every row holding the id
    /// contains it; a crafted id may make a row without it contain it too, so a match is confirmed with <see cref="Cases"/>.
    /// </summary>
    public static string Needle(string caseId) => System.Text.Json.JsonSerializer.Serialize(caseId, Json);

    /// <summary>The cases this view showed, in the order it showed them.</summary>
    public IReadOnlyList<string> Cases() =>
        CaseIds is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(CaseIds, Json) ?? [];
}

/// <summary>
/// The days on which a case was seen: the way into <see cref="AccessLogEntry"/> by case. "Who has seen this child's case"
/// reads the days here, then each day's log by time. An index on the log's case column would take one more place in the
/// index per case shown, every view, and a team leader's list shows some 250 cases; this table takes a row only the first
/// time a case is seen on a day (docs/performance.md).
/// </summary>
public sealed class AccessLogCaseDay
{
    public required string CaseId { get; set; }
    public DateOnly Day { get; set; }
}

/// <summary>
/// One row whose number goes up in the same transaction as every change of data a page is read from (imports, recomputes,
/// settings, supervision); the portal's cached answers are keyed by it. Reading the access log changes nothing, so writing
/// to it does not count.
/// </summary>
public sealed class DataVersion
{
    public const int SingleId = 1;

    /// <summary>
    /// The second row: moves with what leaders and caseworkers write beside the figures (notes, expectations, actions,
    /// deadline marks), which does not move the data version, so a note costs no recomputed figures, only the answers that
    /// show notes (<c>ICachedQuery.ReadsWriting</c>).
    /// </summary>
    public const int WritingId = 2;
    public int Id { get; set; } = SingleId;
    public long Version { get; set; }
}
