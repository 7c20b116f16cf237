namespace LedelsesInfo.Application.Features.Imports;

/// <summary>What the import page shows before an upload: the limits, the file kinds and what is waiting or running.</summary>
public sealed record ImportDesk(ImportLimits Limits, IReadOnlyList<ImportFileKind> FileKinds, IReadOnlyList<ImportUpload> Active);

public sealed record GetImportDesk : IQuery<ImportDesk>;

public sealed class GetImportDeskHandler(IImportQueue queue, ICurrentUser user) : IQueryHandler<GetImportDesk, ImportDesk>
{
    public ValueTask<ImportDesk> Handle(GetImportDesk query, CancellationToken cancellationToken)
    {
        ImportAccess.Require(user);
        return ValueTask.FromResult(new ImportDesk(queue.Limits, queue.FileKinds, queue.Active));
    }
}
