using LedelsesInfo.Domain;

namespace LedelsesInfo.Infrastructure.Import;

public sealed record RowError(string File, int Row, string? Column, string? Value, string Reason)
{
    public override string ToString() =>
        $"{File}, række {Row}" + (Column is null ? "" : $", kolonne {Column}") + (Value is null ? "" : $" (værdi '{Value}')") + $": {Reason}";
}

public sealed record FileImportResult(
    string File,
    string? Kind,
    long BatchId,
    bool Refused,
    string? RefusalReason,
    int RowsRead,
    int RowsApplied,
    int RowsRejected,
    TimeSpan Elapsed,
    IReadOnlyList<RowError> Errors,
    IReadOnlyList<string> Warnings,
    string? Format = null)
{
    /// <summary>The rows that passed every check: applied, or in a preview those that would be.</summary>
    public int RowsValid => Refused ? 0 : RowsRead - RowsRejected;

    private static readonly System.Globalization.CultureInfo Danish = System.Globalization.CultureInfo.GetCultureInfo("da-DK");

    public string Summary =>
        Refused
            ? $"{Path.GetFileName(File)}: afvist – {RefusalReason}"
            : string.Create(Danish, $"{Path.GetFileName(File)}: {RowsRead:N0} rækker læst, {RowsApplied:N0} indlæst, {RowsRejected:N0} afvist ({Elapsed.TotalSeconds:N1} s)");
}

public sealed record ImportResult(IReadOnlyList<FileImportResult> Files, long? RunId = null)
{
    public int RowsApplied => Files.Sum(f => f.RowsApplied);

    public int RowsRejected => Files.Sum(f => f.RowsRejected);

    /// <summary>0 when every row was applied, 1 when some rows were rejected, 2 when a file was refused (CLI exit code).</summary>
    public int ExitCode => Files.Any(f => f.Refused) ? 2 : Files.Any(f => f.RowsRejected > 0) ? 1 : 0;
}

/// <summary>
/// How to import. <paramref name="Preview"/>: read and check every row as an import would (references to ids in earlier files
/// of the same set included), and write nothing: no rows, no batch, no run.
/// </summary>
/// <param name="DeferDataVersion">A recompute follows and will move the data version: the import does not (readers keep the old answers until then; the caller bumps if no recompute does).</param>
public sealed record ImportOptions(bool Strict = false, string? ImportedBy = null, IProgress<ImportProgress>? Progress = null,
    bool Preview = false, ImportSource Source = ImportSource.CommandLine, bool DeferDataVersion = false);

/// <summary>Where an import is: file <paramref name="FileNumber"/> of <paramref name="FileCount"/>, rows read in it so far.</summary>
public sealed record ImportProgress(string File, int RowsRead, int FileNumber = 1, int FileCount = 1);
