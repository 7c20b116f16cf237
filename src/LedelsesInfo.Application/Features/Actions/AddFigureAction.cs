using LedelsesInfo.Application.Features.Notes;

namespace LedelsesInfo.Application.Features.Actions;

/// <summary>
/// An action on a note (docs/dashboards.md, "Actions"): what, who owns it (an employee of the note's unit or below, or
/// the writer), when it is due, and which figure should move, which way, how far and by when. Written by someone who may
/// write on the note's unit; a refusal is logged. The action is followed from the note's period (the month of a note on a
/// week, <see cref="FigureActionRules.StartOf"/>).
/// </summary>
public sealed record AddFigureAction(long NoteId, string? What, string? OwnerEmployeeId, DateOnly? DueOn, string? KpiCode, string? Direction,
    string? TargetValue, DateOnly? TargetBy) : ICommand<long>;

public sealed class AddFigureActionValidator : AbstractValidator<AddFigureAction>
{
    public AddFigureActionValidator(IClock clock)
    {
        RuleFor(a => a.What).NotEmpty().WithMessage("Skriv hvad der skal gøres.")
            .MaximumLength(FigureNoteRules.MaxText).WithMessage($"Handlingen må højst være {FigureNoteRules.MaxText} tegn.")
            .Must(t => !ChildIds.LooksLikeCpr(t)).WithMessage("Handlingen ser ud til at indeholde et CPR-nummer. Skriv aldrig CPR-numre i portalen.");
        RuleFor(a => a.OwnerEmployeeId).NotEmpty().WithMessage("Vælg hvem der er ansvarlig.");
        RuleFor(a => a.DueOn).NotNull().WithMessage("Skriv en frist som dato (dd-mm-åååå).")
            .Must(d => d is null || d >= clock.Today.AddYears(-1) && d <= clock.Today.AddYears(5)).WithMessage("Fristen skal ligge inden for fem år fra i dag.");
        RuleFor(a => a.KpiCode).Must(KpiCatalogue.Exists).WithMessage("Vælg det nøgletal, der skal flytte sig.");
        RuleFor(a => a.Direction).Must(d => Code<Heading>.TryParse(d, out var h) && h != Heading.Unchanged)
            .WithMessage("Vælg om tallet skal stige eller falde.");
        RuleFor(a => a.TargetValue).Must(v => string.IsNullOrWhiteSpace(v) || DanishNumber.TryParse(v, out var n) && n >= 0 && n <= 1_000_000_000m)
            .WithMessage("Skriv målet som et tal, fx 80 eller 72,5 (eller lad feltet stå tomt).");
        RuleFor(a => a.TargetBy).NotNull().WithMessage("Skriv hvornår tallet skal have flyttet sig (dd-mm-åååå).")
            .Must(d => d is null || d >= clock.Today.AddYears(-1) && d <= clock.Today.AddYears(5)).WithMessage("Datoen skal ligge inden for fem år fra i dag.");
    }
}

public sealed class AddFigureActionHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<AddFigureAction, long>
{
    public const string Page = "Handling på et nøgletal";

    public async ValueTask<long> Handle(AddFigureAction command, CancellationToken ct)
    {
        var note = await db.FigureNotes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == command.NoteId && n.WithdrawnAt == null, ct)
            ?? throw new NotFoundException("Bemærkningen findes ikke eller er trukket tilbage.");
        var reader = await NoteAccess.ForAsync(db, user, ct);
        if (!reader.MayWrite(note.UnitId))
        {
            throw await AccessLog.DenyAsync(db, user, clock, Page, null, $"at skrive handlinger på bemærkning {command.NoteId}", ct);
        }
        if (!await ActionOwners.IsOwnerAsync(db, reader, user, note.UnitId, command.OwnerEmployeeId!, ct))
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(AddFigureAction.OwnerEmployeeId),
                "Den ansvarlige skal være en medarbejder i enheden eller under den.")]);
        }
        var start = FigureActionRules.StartOf(Periods.Parse(note.Period));
        var action = new FigureAction
        {
            NoteId = note.Id, What = command.What!.Trim(), OwnerEmployeeId = command.OwnerEmployeeId!, DueOn = command.DueOn!.Value,
            KpiCode = KpiCatalogue.Get(command.KpiCode!).Code, UnitId = note.UnitId, PeriodKind = start.Kind, StartPeriod = start.Key,
            Direction = Code<Heading>.Parse(command.Direction!), TargetValue = DanishNumber.OrNull(command.TargetValue), TargetBy = command.TargetBy!.Value,
            CreatedBy = user.UserName, CreatedAt = clock.Now,
        };
        db.FigureActions.Add(action);
        await db.SaveChangesAsync(ct);
        return action.Id;
    }
}

/// <summary>Marks an action done; its owner or someone who may write on its unit may. A refusal is logged.</summary>
public sealed record MarkFigureActionDone(long Id) : ICommand<string>;

public sealed class MarkFigureActionDoneHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<MarkFigureActionDone, string>
{
    public async ValueTask<string> Handle(MarkFigureActionDone command, CancellationToken ct)
    {
        var action = await db.FigureActions.FirstOrDefaultAsync(a => a.Id == command.Id, ct) ?? throw new NotFoundException("Handlingen findes ikke.");
        var reader = await NoteAccess.ForAsync(db, user, ct);
        if (!(action.OwnerEmployeeId == user.EmployeeId || reader.MayWrite(action.UnitId)))
        {
            throw await AccessLog.DenyAsync(db, user, clock, AddFigureActionHandler.Page, null, $"at markere handling {command.Id} som udført", ct);
        }
        if (action.DoneAt is null)
        {
            action.DoneAt = clock.Now;
            action.DoneBy = user.UserName;
            await db.SaveChangesAsync(ct);
        }
        return action.What;
    }
}

/// <summary>Who may own an action on a unit's note: an active employee of the unit or a unit below it, or the writer.</summary>
public static class ActionOwners
{
    public sealed record Owner(string Id, string Name, string UnitName);

    public static async Task<IReadOnlyList<Owner>> OfAsync(IAppDbContext db, NoteAccess.Reader reader, ICurrentUser user, string unitId, CancellationToken ct)
    {
        var units = reader.Under(unitId);
        return await db.Employees.AsNoTracking()
            .Where(e => e.RemovedAt == null && (units.Contains(e.UnitId) || e.Id == user.EmployeeId))
            .Join(db.OrgUnits, e => e.UnitId, u => u.Id, (e, u) => new { e.Id, e.Name, Unit = u.Name })
            .OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new Owner(o.Id, o.Name, o.Unit)).ToListAsync(ct);
    }

    public static async Task<bool> IsOwnerAsync(IAppDbContext db, NoteAccess.Reader reader, ICurrentUser user, string unitId, string employeeId, CancellationToken ct) =>
        (await OfAsync(db, reader, user, unitId, ct)).Any(o => o.Id == employeeId);
}
