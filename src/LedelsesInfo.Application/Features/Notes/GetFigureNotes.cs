namespace LedelsesInfo.Application.Features.Notes;

public sealed record ExplanationView(string Text, ExplanationSource Source, ExplanationScope Scope)
{
    /// <summary>"Intern, kollektiv".</summary>
    public string Tags => $"{Danish.Name(Source)}, {Danish.Name(Scope).ToLowerInvariant()}";
}

public sealed record NoteView(long Id, Kpi Kpi, string UnitId, string UnitName, string Period, string Interpretation, IReadOnlyList<ExplanationView> Explanations,
    bool ForCommittee, string WrittenBy, DateTime WrittenAt, int Version, bool MayEdit);

/// <summary>The notes a page shows, and whether the reader may write on the unit the page writes for.</summary>
public sealed record FigureNotes(IReadOnlyList<NoteView> Notes, bool MayWrite);

/// <summary>
/// The notes on figures for some units and periods, as the reader may see them (<see cref="NoteAccess"/>): newest first,
/// with whether the reader may edit each, and whether the reader may write on <paramref name="WriteFor"/>. Where the
/// figure is shown, its notes are shown beside it. The committee's paper asks for those marked for the committee only,
/// whoever reads it, and offers no editing, so the paper is the same for every reader.
/// </summary>
public sealed record GetFigureNotes(IReadOnlyList<string> UnitIds, IReadOnlyList<string> Periods, bool OnlyForCommittee = false, string? WriteFor = null)
    : IQuery<FigureNotes>;

public sealed class GetFigureNotesHandler(IAppDbContext db, ICurrentUser user) : IQueryHandler<GetFigureNotes, FigureNotes>
{
    public async ValueTask<FigureNotes> Handle(GetFigureNotes query, CancellationToken ct)
    {
        var reader = await NoteAccess.ForAsync(db, user, ct);
        var committeeOnly = reader.CommitteeOnly || query.OnlyForCommittee;
        var units = query.UnitIds.Where(reader.Visible.Contains).ToList();
        var notes = await db.FigureNotes.AsNoTracking().Include(n => n.Explanations)
            .Where(n => units.Contains(n.UnitId) && query.Periods.Contains(n.Period) && (!committeeOnly || n.ForCommittee))
            .OrderByDescending(n => n.WrittenAt).ToListAsync(ct);
        var names = await db.OrgUnits.AsNoTracking().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var views = notes.Select(n => new NoteView(n.Id, KpiCatalogue.Get(n.KpiCode), n.UnitId, names[n.UnitId], n.Period, n.Interpretation,
                n.Explanations.OrderBy(e => e.Order).Select(e => new ExplanationView(e.Text, e.Source, e.Scope)).ToList(),
                n.ForCommittee, n.WrittenBy, n.WrittenAt, n.Version, !query.OnlyForCommittee && reader.MayWrite(n.UnitId)))
            .ToList();
        return new FigureNotes(views, query.WriteFor is { } unit && reader.MayWrite(unit));
    }
}

/// <summary>One note to edit, or a new one for a figure, unit and period; only for someone who may write it.</summary>
public sealed record GetNoteToWrite(long? Id, string? KpiCode, string? UnitId, string? Period) : IQuery<NoteToWrite>;

public sealed record NoteToWrite(long? Id, Kpi Kpi, string UnitId, string UnitName, string Period, string? Interpretation, bool ForCommittee,
    IReadOnlyList<ExplanationView> Explanations, int Versions);

public sealed class GetNoteToWriteValidator : AbstractValidator<GetNoteToWrite>
{
    public GetNoteToWriteValidator()
    {
        When(q => q.Id is null, () =>
        {
            RuleFor(q => q.KpiCode).Must(KpiCatalogue.Exists).WithMessage("Nøgletallet kendes ikke.");
            RuleFor(q => q.UnitId).NotEmpty().MaximumLength(64).WithMessage("Enheden kendes ikke.");
            RuleFor(q => q.Period).NotEmpty().MaximumLength(12).Must(p => { try { return p is not null && Periods.Parse(p).Key.Length > 0; } catch (FormatException) { return false; } })
                .WithMessage("Perioden kendes ikke.");
        });
    }
}

public sealed class GetNoteToWriteHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetNoteToWrite, NoteToWrite>
{
    public async ValueTask<NoteToWrite> Handle(GetNoteToWrite query, CancellationToken ct)
    {
        var note = query.Id is { } id ? await db.FigureNotes.AsNoTracking().Include(n => n.Explanations).FirstOrDefaultAsync(n => n.Id == id, ct) : null;
        var unitId = note?.UnitId ?? query.UnitId!;
        if ((query.Id is not null && note is null) || !await NoteAccess.MayWriteAsync(db, user, unitId, ct))
        {
            throw await AccessLog.DenyAsync(db, user, clock, SaveFigureNoteHandler.Page, null, $"at skrive bemærkninger til tallene for enheden {unitId}", ct);
        }
        var unitName = await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstAsync(ct);
        var versions = note is null ? 0 : await db.FigureNoteVersions.CountAsync(v => v.NoteId == note.Id, ct);
        return note is null
            ? new NoteToWrite(null, KpiCatalogue.Get(query.KpiCode!), unitId, unitName, Periods.Parse(query.Period!).Key, null, false, [], 0)
            : new NoteToWrite(note.Id, KpiCatalogue.Get(note.KpiCode), note.UnitId, unitName, note.Period, note.Interpretation, note.ForCommittee,
                note.Explanations.OrderBy(e => e.Order).Select(e => new ExplanationView(e.Text, e.Source, e.Scope)).ToList(), versions);
    }
}

/// <summary>The figures an audience is shown (the audience matrix), to choose from when writing a note.</summary>
public sealed record FiguresFor(Audience Audience) : IQuery<IReadOnlyList<Kpi>>;

public sealed class FiguresForHandler(IAppDbContext db) : IQueryHandler<FiguresFor, IReadOnlyList<Kpi>>
{
    public async ValueTask<IReadOnlyList<Kpi>> Handle(FiguresFor query, CancellationToken ct) => await Figures.EnabledAsync(db, query.Audience, ct);
}
