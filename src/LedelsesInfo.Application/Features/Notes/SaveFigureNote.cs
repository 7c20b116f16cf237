namespace LedelsesInfo.Application.Features.Notes;

/// <summary>An explanation as the form sends it: the text and the two tags' codes.</summary>
public sealed record ExplanationInput(string? Text, string? Source, string? Scope);

/// <summary>
/// Writes a note on a figure for a unit and a period, or edits one (<paramref name="Id"/>): the interpretation, up to five
/// explanations each tagged external/internal and collective/individual, and whether it goes to the committee. An edit
/// keeps the version before it. Only a leader of the unit or above may write; a refusal is logged.
/// </summary>
public sealed record SaveFigureNote(long? Id, string KpiCode, string UnitId, string Period, string? Interpretation, bool ForCommittee,
    IReadOnlyList<ExplanationInput> Explanations) : ICommand<long>;

public sealed class SaveFigureNoteValidator : AbstractValidator<SaveFigureNote>
{
    public SaveFigureNoteValidator()
    {
        RuleFor(n => n.KpiCode).Must(KpiCatalogue.Exists).WithMessage("Nøgletallet kendes ikke.");
        RuleFor(n => n.UnitId).NotEmpty().MaximumLength(64).WithMessage("Enheden kendes ikke.");
        RuleFor(n => n.Period).Must(NotePeriods.IsCalendar).WithMessage("Perioden kendes ikke (fx 2026-Q3, 2026-10 eller 2026-W43).");
        RuleFor(n => n.Interpretation).NotEmpty().WithMessage("Skriv hvad I ser i tallet.")
            .MaximumLength(FigureNoteRules.MaxText).WithMessage($"Tolkningen må højst være {FigureNoteRules.MaxText} tegn.")
            .Must(t => !ChildIds.LooksLikeCpr(t)).WithMessage("Tolkningen ser ud til at indeholde et CPR-nummer. Skriv aldrig CPR-numre i portalen.");
        RuleFor(n => n.Explanations.Count(e => !string.IsNullOrWhiteSpace(e.Text))).LessThanOrEqualTo(FigureNoteRules.MaxExplanations)
            .WithName("Explanations").WithMessage($"Højst {FigureNoteRules.MaxExplanations} forklaringer.");
        RuleForEach(n => n.Explanations).ChildRules(e =>
        {
            e.RuleFor(x => x.Text).MaximumLength(FigureNoteRules.MaxText).WithMessage($"En forklaring må højst være {FigureNoteRules.MaxText} tegn.")
                .Must(t => !ChildIds.LooksLikeCpr(t)).WithMessage("En forklaring ser ud til at indeholde et CPR-nummer. Skriv aldrig CPR-numre i portalen.");
            e.When(x => !string.IsNullOrWhiteSpace(x.Text), () =>
            {
                e.RuleFor(x => x.Source).Must(s => Code<ExplanationSource>.TryParse(s, out _)).WithMessage("Vælg om forklaringen er ekstern eller intern.");
                e.RuleFor(x => x.Scope).Must(s => Code<ExplanationScope>.TryParse(s, out _)).WithMessage("Vælg om forklaringen er kollektiv eller individuel.");
            });
        });
    }
}

public sealed class SaveFigureNoteHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<SaveFigureNote, long>
{
    public const string Page = "Bemærkning til et nøgletal";

    public async ValueTask<long> Handle(SaveFigureNote command, CancellationToken ct)
    {
        var period = Periods.Parse(command.Period);
        var note = command.Id is { } id
            ? await db.FigureNotes.Include(n => n.Explanations).FirstOrDefaultAsync(n => n.Id == id && n.WithdrawnAt == null, ct)
            : null;
        var unitId = note?.UnitId ?? command.UnitId;
        if ((command.Id is not null && note is null) || !await NoteAccess.MayWriteAsync(db, user, unitId, ct))
        {
            throw await AccessLog.DenyAsync(db, user, clock, Page, null, $"at skrive bemærkninger til tallene for enheden {unitId}", ct);
        }
        var explanations = command.Explanations.Where(e => !string.IsNullOrWhiteSpace(e.Text))
            .Select((e, i) => new NoteExplanation
            {
                Order = i, Text = e.Text!.Trim(), Source = Code<ExplanationSource>.Parse(e.Source!), Scope = Code<ExplanationScope>.Parse(e.Scope!),
            }).ToList();
        if (note is null)
        {
            note = new FigureNote
            {
                KpiCode = KpiCatalogue.Get(command.KpiCode).Code, UnitId = unitId, PeriodKind = period.Kind, Period = period.Key,
                Interpretation = command.Interpretation!.Trim(), WrittenBy = user.UserName, WrittenByEmployeeId = user.EmployeeId, WrittenAt = clock.Now,
            };
            db.FigureNotes.Add(note);
        }
        else
        {
            // The version before the edit stays, with who wrote it and when.
            db.FigureNoteVersions.Add(new FigureNoteVersion
            {
                NoteId = note.Id, Version = note.Version, Interpretation = note.Interpretation, ForCommittee = note.ForCommittee,
                Explanations = string.Join("\n", note.Explanations.OrderBy(e => e.Order).Select(e => $"{Danish.Name(e.Source)}, {Danish.Name(e.Scope)}: {e.Text}")),
                WrittenBy = note.WrittenBy, WrittenAt = note.WrittenAt,
            });
            db.NoteExplanations.RemoveRange(note.Explanations);
            note.Version++;
            note.Interpretation = command.Interpretation!.Trim();
            note.WrittenBy = user.UserName;
            note.WrittenByEmployeeId = user.EmployeeId;
            note.WrittenAt = clock.Now;
        }
        note.ForCommittee = command.ForCommittee;
        note.Explanations = explanations;
        await db.SaveChangesAsync(ct);
        return note.Id;
    }
}
