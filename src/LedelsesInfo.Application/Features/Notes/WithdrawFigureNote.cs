namespace LedelsesInfo.Application.Features.Notes;

/// <summary>
/// Withdraws a note: it is no longer shown beside the figure or in the committee's paper, and stays, with its versions
/// and who withdrew it when, in the history and the export. Notes are never deleted through the application. Only
/// someone who may write on the note's unit may withdraw it; a refusal is logged.
/// </summary>
public sealed record WithdrawFigureNote(long Id) : ICommand<string>;

public sealed class WithdrawFigureNoteHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<WithdrawFigureNote, string>
{
    public async ValueTask<string> Handle(WithdrawFigureNote command, CancellationToken ct)
    {
        var note = await db.FigureNotes.FirstOrDefaultAsync(n => n.Id == command.Id && n.WithdrawnAt == null, ct)
            ?? throw new NotFoundException("Bemærkningen findes ikke eller er allerede trukket tilbage.");
        if (!await NoteAccess.MayWriteAsync(db, user, note.UnitId, ct))
        {
            throw await AccessLog.DenyAsync(db, user, clock, SaveFigureNoteHandler.Page, null, $"at trække bemærkning {command.Id} tilbage", ct);
        }
        note.WithdrawnAt = clock.Now;
        note.WithdrawnBy = user.UserName;
        await db.SaveChangesAsync(ct);
        return $"{note.KpiCode} {KpiCatalogue.Get(note.KpiCode).Name}";
    }
}
