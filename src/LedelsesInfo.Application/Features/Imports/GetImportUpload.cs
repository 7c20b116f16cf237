namespace LedelsesInfo.Application.Features.Imports;

/// <summary>An upload's preview, or where its import is.</summary>
public sealed record GetImportUpload(Guid Id) : IQuery<ImportUpload?>;

public sealed class GetImportUploadHandler(IImportQueue queue, ICurrentUser user) : IQueryHandler<GetImportUpload, ImportUpload?>
{
    public ValueTask<ImportUpload?> Handle(GetImportUpload query, CancellationToken cancellationToken)
    {
        ImportAccess.Require(user);
        return ValueTask.FromResult(queue.Find(query.Id));
    }
}
