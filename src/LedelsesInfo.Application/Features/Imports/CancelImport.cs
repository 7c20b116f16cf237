namespace LedelsesInfo.Application.Features.Imports;

/// <summary>Drops a previewed upload: its staged files are deleted, nothing is written.</summary>
public sealed record CancelImport(Guid Id) : ICommand;

public sealed class CancelImportHandler(IImportQueue queue, ICurrentUser user) : ICommandHandler<CancelImport>
{
    public ValueTask<Unit> Handle(CancelImport command, CancellationToken cancellationToken)
    {
        ImportAccess.Require(user);
        return queue.Cancel(command.Id) ? ValueTask.FromResult(Unit.Value)
            : throw new ValidationException("Filerne er sendt til indlæsning og kan ikke annulleres nu.");
    }
}
