namespace LedelsesInfo.Application.Features.Imports;

public sealed record ImportBatchDetails(ImportBatchRow Batch, IReadOnlyList<ImportRowErrorRow> Errors);

public sealed record ImportRowErrorRow(int RowNumber, string? Column, string? Value, string Reason);

/// <summary>One import batch with the row errors that were kept.</summary>
public sealed record GetImportBatch(long Id) : IQuery<ImportBatchDetails?>;

public sealed class GetImportBatchHandler(IAppDbContext db) : IQueryHandler<GetImportBatch, ImportBatchDetails?>
{
    public async ValueTask<ImportBatchDetails?> Handle(GetImportBatch query, CancellationToken cancellationToken)
    {
        var batch = await db.ImportBatches.AsNoTracking()
            .Where(b => b.Id == query.Id)
            .Select(ImportBatchRow.Of)
            .FirstOrDefaultAsync(cancellationToken);
        if (batch is null)
        {
            return null;
        }
        var errors = await db.ImportRowErrors.AsNoTracking()
            .Where(e => e.ImportBatchId == query.Id)
            .OrderBy(e => e.RowNumber).ThenBy(e => e.Id)
            .Select(e => new ImportRowErrorRow(e.RowNumber, e.Column, e.Value, e.Reason))
            .ToListAsync(cancellationToken);
        return new ImportBatchDetails(batch, errors);
    }
}
