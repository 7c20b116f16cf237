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
    IReadOnlyList<string> Warnings)
{
    private static readonly System.Globalization.CultureInfo Danish = System.Globalization.CultureInfo.GetCultureInfo("da-DK");

    public string Summary =>
        Refused
            ? $"{Path.GetFileName(File)}: afvist – {RefusalReason}"
            : string.Create(Danish, $"{Path.GetFileName(File)}: {RowsRead:N0} rækker læst, {RowsApplied:N0} indlæst, {RowsRejected:N0} afvist ({Elapsed.TotalSeconds:N1} s)");
}

public sealed record ImportResult(IReadOnlyList<FileImportResult> Files)
{
    /// <summary>0 when every row was applied, 1 when some rows were rejected, 2 when a file was refused (CLI exit code).</summary>
    public int ExitCode => Files.Any(f => f.Refused) ? 2 : Files.Any(f => f.RowsRejected > 0) ? 1 : 0;
}

public sealed record ImportOptions(bool Strict = false, string? ImportedBy = null, IProgress<ImportProgress>? Progress = null);

public sealed record ImportProgress(string File, int RowsRead);
