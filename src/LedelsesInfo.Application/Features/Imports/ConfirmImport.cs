namespace LedelsesInfo.Application.Features.Imports;

/// <summary>
/// Imports a previewed upload: its valid rows (<paramref name="Strict"/>: nothing at all when any row is invalid or a file refused).
/// Refused (ValidationException, in Danish) when it cannot be: expired, already sent, or strict with invalid rows.
/// </summary>
public sealed record ConfirmImport(Guid Id, bool Strict) : ICommand;

public sealed class ConfirmImportHandler(IImportQueue queue, ICurrentUser user) : ICommandHandler<ConfirmImport>
{
    public ValueTask<Unit> Handle(ConfirmImport command, CancellationToken cancellationToken)
    {
        ImportAccess.Require(user);
        return queue.Confirm(command.Id, command.Strict, user.UserName) is { } refusal ? throw new ValidationException(refusal) : ValueTask.FromResult(Unit.Value);
    }
}
