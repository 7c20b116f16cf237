namespace LedelsesInfo.Application.Features.Imports;

public sealed record ImportBatchRow(long Id, string FileName, string FileKind, DateTime StartedAt, DateTime? FinishedAt, ImportStatus Status,
    bool Strict, string? ImportedBy, int RowsRead, int RowsApplied, int RowsRejected, string? Message, long? RunId = null)
{
    /// <summary>A batch as the history shows it, for the database to select.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<ImportBatch, ImportBatchRow>> Of = b =>
        new ImportBatchRow(b.Id, b.FileName, b.FileKind, b.StartedAt, b.FinishedAt, b.Status, b.Strict, b.ImportedBy, b.RowsRead, b.RowsApplied, b.RowsRejected, b.Message, b.RunId);
}

public sealed record ImportRunRow(long Id, ImportSource Source, string? StartedBy, DateTime StartedAt, DateTime? FinishedAt, bool Strict,
    int Files, int FilesRefused, int RowsApplied, int RowsRejected, double? RecomputeSeconds, IReadOnlyList<ImportBatchRow> Batches)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;
}

/// <summary>
/// The import history: the latest runs, newest first, each with its files; and the batches from before runs were kept
/// (<see cref="ImportHistory.Older"/>), so every batch stays in the history for audit.
/// </summary>
public sealed record GetImportRuns(int Take = 50) : IQuery<ImportHistory>;

public sealed record ImportHistory(IReadOnlyList<ImportRunRow> Runs, IReadOnlyList<ImportBatchRow> Older);

public sealed class GetImportRunsValidator : AbstractValidator<GetImportRuns>
{
    public GetImportRunsValidator() =>
        RuleFor(q => q.Take).InclusiveBetween(1, 500).WithMessage("Der kan vises mellem 1 og 500 importkørsler.");
}

public sealed class GetImportRunsHandler(IAppDbContext db) : IQueryHandler<GetImportRuns, ImportHistory>
{
    public async ValueTask<ImportHistory> Handle(GetImportRuns query, CancellationToken cancellationToken)
    {
        var runs = await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(query.Take).ToListAsync(cancellationToken);
        var ids = runs.Select(r => (long?)r.Id).ToList();
        var batches = (await db.ImportBatches.AsNoTracking()
            .Where(b => ids.Contains(b.RunId))
            .OrderBy(b => b.Id)
            .Select(ImportBatchRow.Of)
            .ToListAsync(cancellationToken))
            .ToLookup(b => b.RunId);
        var older = await db.ImportBatches.AsNoTracking()
            .Where(b => b.RunId == null)
            .OrderByDescending(b => b.Id)
            .Take(query.Take)
            .Select(ImportBatchRow.Of)
            .ToListAsync(cancellationToken);
        return new ImportHistory(
            runs.Select(r => new ImportRunRow(r.Id, r.Source, r.StartedBy, r.StartedAt, r.FinishedAt, r.Strict, r.Files, r.FilesRefused,
                r.RowsApplied, r.RowsRejected, r.RecomputeSeconds, batches[r.Id].ToList())).ToList(),
            older);
    }
}
