namespace LedelsesInfo.Application.Features.Imports;

/// <summary>Receives the files of an upload and queues their preview; nothing is written to the portal's data.</summary>
/// <remarks>An upload outside the limits, or of files that are not CSV, XLSX or zip, is refused (ValidationException, in Danish).</remarks>
public sealed record StageImport(IReadOnlyList<UploadedFile> Files) : ICommand<Guid>;

public sealed class StageImportHandler(IImportQueue queue, ICurrentUser user) : ICommandHandler<StageImport, Guid>
{
    public async ValueTask<Guid> Handle(StageImport command, CancellationToken cancellationToken)
    {
        ImportAccess.Require(user);
        var staged = await queue.StageAsync(command.Files, user.UserName, cancellationToken);
        return staged.Id ?? throw new ValidationException(staged.Refusal);
    }
}
