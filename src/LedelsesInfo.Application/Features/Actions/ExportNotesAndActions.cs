using LedelsesInfo.Application.Features.Notes;

namespace LedelsesInfo.Application.Features.Actions;

/// <summary>The notes and the actions on them for a unit and the units below it, for the municipality's own reporting.</summary>
public sealed record NotesExport(TableData Notes, TableData Actions, TableData Expectations);

/// <summary>
/// Notes (withdrawn ones too, marked so), their actions and the expectations for a unit and the units below it whose
/// period starts within the months <paramref name="From"/> to <paramref name="To"/> (docs/formats.md, "Notes and actions").
/// For a reader who may see the unit; the committee gets no export of notes. Free text goes through the table export, which
/// neutralises formulas.
/// </summary>
public sealed record ExportNotesAndActions(string? UnitId, string? From, string? To) : IQuery<NotesExport>;

public sealed class ExportNotesAndActionsValidator : AbstractValidator<ExportNotesAndActions>
{
    public ExportNotesAndActionsValidator()
    {
        RuleFor(e => e.From).Must(IsMonth).WithMessage("Skriv fra-måneden som åååå-mm, fx 2026-01.");
        RuleFor(e => e.To).Must(IsMonth).WithMessage("Skriv til-måneden som åååå-mm, fx 2026-12.");
        RuleFor(e => e).Must(e => !IsMonth(e.From) || !IsMonth(e.To) || string.CompareOrdinal(e.From, e.To) <= 0).WithName(nameof(ExportNotesAndActions.To))
            .WithMessage("Til-måneden skal ligge efter fra-måneden.");
    }

    private static bool IsMonth(string? key) => NotePeriods.IsCalendar(key) && Periods.Parse(key!).Kind == PeriodKind.Month;
}

public sealed class ExportNotesAndActionsHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<ExportNotesAndActions, NotesExport>
{
    public async ValueTask<NotesExport> Handle(ExportNotesAndActions query, CancellationToken ct)
    {
        var reader = await NoteAccess.ForAsync(db, user, ct);
        var unitId = query.UnitId ?? user.UnitId ?? await KpiQueries.MunicipalityIdAsync(db, ct);
        if (user.Audience == Audience.Committee || unitId is null || !reader.Visible.Contains(unitId))
        {
            throw await AccessLog.DenyAsync(db, user, clock, GetFigureActionsHandler.Page, null, $"at hente bemærkninger og handlinger for enheden {unitId}", ct);
        }
        var from = Periods.Parse(query.From!).Start;
        var to = Periods.Parse(query.To!).End;
        bool InRange(string period) => Periods.Parse(period).Start is var start && start >= from && start <= to;
        var units = reader.Under(unitId);
        var names = await db.OrgUnits.AsNoTracking().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var notes = (await db.FigureNotes.AsNoTracking().Include(n => n.Explanations).Where(n => units.Contains(n.UnitId)).ToListAsync(ct))
            .Where(n => InRange(n.Period)).OrderBy(n => n.UnitId).ThenBy(n => n.Period).ThenBy(n => n.Id).ToList();
        var noteIds = notes.Select(n => n.Id).ToList();
        var actions = await db.FigureActions.AsNoTracking().Where(a => noteIds.Contains(a.NoteId)).ToListAsync(ct);
        var actionViews = await Views.OfAsync(db, reader, user, clock, actions, ct);
        var expectations = (await db.FigureExpectations.AsNoTracking().Where(e => units.Contains(e.UnitId)).ToListAsync(ct)).Where(e => InRange(e.Period)).ToList();
        var expectationViews = await Expectations.ViewsAsync(db, expectations, names, ct);

        var noteTable = new TableData("bemaerkninger", "Bemærkninger til nøgletal",
            [new("Id", ColumnKind.Number), new("Nøgletal"), new("Navn"), new("Enhed"), new("Periode"), new("Tolkning"), new("Forklaringer"),
             new("Til fagudvalget"), new("Udgave", ColumnKind.Number), new("Skrevet af"), new("Skrevet", ColumnKind.Date), new("Trukket tilbage", ColumnKind.Date)],
            notes.Select(n => new object?[]
            {
                n.Id, n.KpiCode, KpiCatalogue.Get(n.KpiCode).Name, names.GetValueOrDefault(n.UnitId, n.UnitId), n.Period, n.Interpretation,
                string.Join("\n", n.Explanations.OrderBy(e => e.Order).Select(e => new ExplanationView(e.Text, e.Source, e.Scope)).Select(e => $"{e.Tags}: {e.Text}")),
                n.ForCommittee ? "Ja" : "Nej", n.Version, n.WrittenBy, DateOnly.FromDateTime(n.WrittenAt), n.WithdrawnAt is { } w ? DateOnly.FromDateTime(w) : null,
            }).ToList());
        var actionTable = new TableData("handlinger", "Handlinger på nøgletal",
            [new("Bemærkning", ColumnKind.Number), new("Handling"), new("Ansvarlig"), new("Frist", ColumnKind.Date), new("Status"), new("Nøgletal"), new("Enhed"),
             new("Fra periode"), new("Sigter mod"), new("Tal ved start", ColumnKind.Number), new("Seneste periode"), new("Seneste tal", ColumnKind.Number),
             new("Opfølgning"), new("Oprettet af"), new("Udført", ColumnKind.Date)],
            actionViews.OrderBy(a => a.NoteId).ThenBy(a => a.Id).Select(a => new object?[]
            {
                a.NoteId, a.What, a.OwnerName, a.DueOn, Danish.Name(a.Group), a.Kpi.Code, a.UnitName, a.StartPeriod, a.Aim,
                a.Progress.StartValue is { } s ? Figures.Round1(s) : null, a.Progress.LatestPeriod, a.Progress.LatestValue is { } l ? Figures.Round1(l) : null,
                a.Progress.Text, a.CreatedBy, a.DoneAt is { } d ? DateOnly.FromDateTime(d) : null,
            }).ToList());
        var expectationTable = new TableData("forventninger", "Forventninger før tallene kom",
            [new("Nøgletal"), new("Enhed"), new("Periode"), new("Forventet"), new("Begrundelse"), new("Resultat"), new("Skrevet af"), new("Skrevet", ColumnKind.Date)],
            expectationViews.OrderBy(e => e.UnitName).ThenBy(e => e.Period).Select(e => new object?[]
            {
                e.Kpi.Code, e.UnitName, e.Period, e.Expected, e.Reason, e.Result ?? "Tallet er ikke kommet endnu", e.WrittenBy, DateOnly.FromDateTime(e.WrittenAt),
            }).ToList());
        return new NotesExport(noteTable, actionTable, expectationTable);
    }
}
