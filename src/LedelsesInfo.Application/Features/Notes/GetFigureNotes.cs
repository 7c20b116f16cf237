namespace LedelsesInfo.Application.Features.Notes;

public sealed record ExplanationView(string Text, ExplanationSource Source, ExplanationScope Scope)
{
    /// <summary>"Intern, kollektiv".</summary>
    public string Tags => $"{Danish.Name(Source)}, {Danish.Name(Scope).ToLowerInvariant()}";
}

public sealed record NoteView(long Id, Kpi Kpi, string UnitId, string UnitName, string Period, string Interpretation, IReadOnlyList<ExplanationView> Explanations,
    bool ForCommittee, string WrittenBy, DateTime WrittenAt, int Version, bool MayEdit)
{
    /// <summary>The actions chosen on the note, with their follow-up; none for the committee.</summary>
    public IReadOnlyList<Actions.ActionView> Actions { get; init; } = [];
}

/// <summary>
/// What a leader expected before the figure came, and, once it has come, the result beside it: "Forventet: 75,0 %.
/// Resultatet blev 71,0 %." A direction is read against the period before.
/// </summary>
public sealed record ExpectationView(long Id, Kpi Kpi, string UnitId, string UnitName, string Period, string Expected, string Reason, string WrittenBy,
    DateTime WrittenAt, string? Result);

/// <summary>The notes a page shows, the expectations for its periods, and whether the reader may write on the unit the page writes for.</summary>
public sealed record FigureNotes(IReadOnlyList<NoteView> Notes, bool MayWrite)
{
    public IReadOnlyList<ExpectationView> Expectations { get; init; } = [];
}

/// <summary>
/// The notes on figures for some units and periods, as the reader may see them (<see cref="NoteAccess"/>): newest first,
/// not withdrawn, with their actions and whether the reader may edit each, the expectations for the same periods with
/// the result where it has come, and whether the reader may write on <paramref name="WriteFor"/>. Where the figure is
/// shown, its notes are shown beside it. The committee's paper asks for those marked for the committee only, whoever
/// reads it, and offers no editing, actions or expectations, so the paper is the same for every reader.
/// </summary>
public sealed record GetFigureNotes(IReadOnlyList<string> UnitIds, IReadOnlyList<string> Periods, bool OnlyForCommittee = false, string? WriteFor = null)
    : IQuery<FigureNotes>, ICachedQuery
{
    /// <summary>Whether the reader may edit a note or write on a unit is theirs.</summary>
    public CacheScope Scope => CacheScope.Person;

    public bool ReadsWriting => true;

    public bool TakesTurn => false;

    /// <summary>The cache key: the lists' values, not their type.</summary>
    public override string ToString() => $"{nameof(GetFigureNotes)} {{ {string.Join(",", UnitIds)} / {string.Join(",", Periods)} / {OnlyForCommittee} / {WriteFor} }}";
}

public sealed class GetFigureNotesHandler(IAppDbContext db, SharedReads reads, ICurrentUser user, IClock clock) : IQueryHandler<GetFigureNotes, FigureNotes>
{
    public async ValueTask<FigureNotes> Handle(GetFigureNotes query, CancellationToken ct)
    {
        var reader = await NoteAccess.ForAsync(reads, user, ct);
        var committeeOnly = reader.CommitteeOnly || query.OnlyForCommittee;
        var units = query.UnitIds.Where(reader.Visible.Contains).ToList();
        var mayWrite = query.WriteFor is { } writeFor && reader.MayWrite(writeFor);
        // Most pages have nothing written on their units and periods: then nothing more is read.
        var written = await reads.WrittenOnAsync(ct);
        if (!units.Any(u => query.Periods.Any(p => written.Contains((u, p)))))
        {
            return new FigureNotes([], mayWrite);
        }
        var notes = await db.FigureNotes.AsNoTracking().Include(n => n.Explanations)
            .Where(n => units.Contains(n.UnitId) && query.Periods.Contains(n.Period) && n.WithdrawnAt == null && (!committeeOnly || n.ForCommittee))
            .OrderByDescending(n => n.WrittenAt).ToListAsync(ct);
        var tree = await reads.UnitsAsync(ct);
        var names = units.Where(tree.ContainsKey).Distinct().ToDictionary(u => u, u => tree[u].Name);
        var views = notes.Select(n => NoteViews.Of(n, names[n.UnitId], !query.OnlyForCommittee && reader.MayWrite(n.UnitId))).ToList();
        if (committeeOnly)
        {
            return new FigureNotes(views, mayWrite);
        }
        var noteIds = notes.Select(n => n.Id).ToList();
        var actions = await db.FigureActions.AsNoTracking().Where(a => noteIds.Contains(a.NoteId)).ToListAsync(ct);
        var actionViews = (await Actions.Views.OfAsync(db, reader, user, clock, actions, ct)).ToLookup(a => a.NoteId);
        var expectations = await db.FigureExpectations.AsNoTracking()
            .Where(e => units.Contains(e.UnitId) && query.Periods.Contains(e.Period)).OrderByDescending(e => e.WrittenAt).ToListAsync(ct);
        return new FigureNotes(views.Select(v => v with { Actions = actionViews[v.Id].ToList() }).ToList(), mayWrite)
        {
            Expectations = await Expectations.ViewsAsync(db, expectations, names, ct),
        };
    }
}

/// <summary>A stored note as the pages show it.</summary>
public static class NoteViews
{
    public static NoteView Of(FigureNote n, string unitName, bool mayEdit)
    {
        ArgumentNullException.ThrowIfNull(n);
        return new NoteView(n.Id, KpiCatalogue.Get(n.KpiCode), n.UnitId, unitName, n.Period, n.Interpretation,
            n.Explanations.OrderBy(e => e.Order).Select(e => new ExplanationView(e.Text, e.Source, e.Scope)).ToList(),
            n.ForCommittee, n.WrittenBy, n.WrittenAt, n.Version, mayEdit);
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
        if (note?.WithdrawnAt is not null)
        {
            throw new NotFoundException("Bemærkningen er trukket tilbage og kan ikke rettes.");
        }
        return note is null
            ? new NoteToWrite(null, KpiCatalogue.Get(query.KpiCode!), unitId, unitName, Periods.Parse(query.Period!).Key, null, false, [], 0)
            : new NoteToWrite(note.Id, KpiCatalogue.Get(note.KpiCode), note.UnitId, unitName, note.Period, note.Interpretation, note.ForCommittee,
                note.Explanations.OrderBy(e => e.Order).Select(e => new ExplanationView(e.Text, e.Source, e.Scope)).ToList(), versions);
    }
}

/// <summary>The figures an audience is shown (the audience matrix), to choose from when writing a note.</summary>
public sealed record FiguresFor(Audience Audience) : IQuery<IReadOnlyList<Kpi>>, ICachedQuery
{
    public CacheScope Scope => CacheScope.Audience;

    public bool TakesTurn => false;
}

public sealed class FiguresForHandler(IAppDbContext db) : IQueryHandler<FiguresFor, IReadOnlyList<Kpi>>
{
    public async ValueTask<IReadOnlyList<Kpi>> Handle(FiguresFor query, CancellationToken ct) => await Figures.EnabledAsync(db, query.Audience, ct);
}
