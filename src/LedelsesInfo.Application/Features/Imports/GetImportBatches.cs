namespace LedelsesInfo.Application.Features.Imports;

public sealed record ImportBatchRow(long Id, string FileName, string FileKind, DateTime StartedAt, DateTime? FinishedAt, ImportStatus Status,
    bool Strict, string? ImportedBy, int RowsRead, int RowsApplied, int RowsRejected, string? Message);

/// <summary>The latest import batches, newest first.</summary>
public sealed record GetImportBatches(int Take = 100) : IQuery<IReadOnlyList<ImportBatchRow>>;

public sealed class GetImportBatchesValidator : AbstractValidator<GetImportBatches>
{
    public GetImportBatchesValidator() =>
        RuleFor(q => q.Take).InclusiveBetween(1, 1000).WithMessage("Der kan vises mellem 1 og 1.000 importkørsler.");
}

public sealed class GetImportBatchesHandler(IAppDbContext db) : IQueryHandler<GetImportBatches, IReadOnlyList<ImportBatchRow>>
{
    public async ValueTask<IReadOnlyList<ImportBatchRow>> Handle(GetImportBatches query, CancellationToken cancellationToken) =>
        await db.ImportBatches.AsNoTracking()
            .OrderByDescending(b => b.Id)
            .Take(query.Take)
            .Select(b => new ImportBatchRow(b.Id, b.FileName, b.FileKind, b.StartedAt, b.FinishedAt, b.Status, b.Strict, b.ImportedBy,
                b.RowsRead, b.RowsApplied, b.RowsRejected, b.Message))
            .ToListAsync(cancellationToken);
}
