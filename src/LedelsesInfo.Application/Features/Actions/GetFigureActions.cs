using LedelsesInfo.Application.Features.Notes;

namespace LedelsesInfo.Application.Features.Actions;

public sealed record ActionView(long Id, long NoteId, string What, string OwnerId, string OwnerName, DateOnly DueOn, Kpi Kpi, string UnitId, string UnitName,
    string StartPeriod, Heading Direction, decimal? TargetValue, DateOnly TargetBy, string CreatedBy, DateTime CreatedAt, DateTime? DoneAt, string? DoneBy,
    ActionGroup Group, ActionProgress Progress, bool MayMarkDone)
{
    /// <summary>"F1 skal stige til 80,0 % inden juni 2027".</summary>
    public string Aim => TargetValue is { } t
        ? $"{Kpi.Code} skal {Danish.Verb(Direction)} til {KpiFormat.Number(Kpi, t)} inden {Danish.Name(Periods.Of(Periods.Parse(StartPeriod).Kind, TargetBy))}"
        : $"{Kpi.Code} skal {Danish.Verb(Direction)} inden {Danish.Name(Periods.Of(Periods.Parse(StartPeriod).Kind, TargetBy))}";
}

/// <summary>The actions of a list, in the order the list shows them: overdue, due within a week, open, done.</summary>
public sealed record ActionList(string Title, string? UnitId, bool Mine, IReadOnlyList<ActionView> Actions)
{
    public IReadOnlyList<ActionView> In(ActionGroup group) => Actions.Where(a => a.Group == group).ToList();
}

/// <summary>
/// An action list (docs/dashboards.md, "Actions"): the reader's own (<paramref name="Mine"/>), or a unit's and the units'
/// below it, for a reader who may see the unit (a caseworker the own team's). Each action with its figure's development
/// since it began (<see cref="Progress"/>). The committee has no action lists; a refusal is logged.
/// </summary>
public sealed record GetFigureActions(string? UnitId, bool Mine) : IQuery<ActionList>;

public sealed class GetFigureActionsHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetFigureActions, ActionList>
{
    public const string Page = "Handlinger";

    public async ValueTask<ActionList> Handle(GetFigureActions query, CancellationToken ct)
    {
        var reader = await NoteAccess.ForAsync(db, user, ct);
        var unitId = query.UnitId ?? user.UnitId ?? await KpiQueries.MunicipalityIdAsync(db, ct);
        if (user.Audience == Audience.Committee || (!query.Mine && (unitId is null || !reader.Visible.Contains(unitId))))
        {
            throw await AccessLog.DenyAsync(db, user, clock, Page, null, $"at se handlingerne for enheden {unitId}", ct);
        }
        var me = user.EmployeeId;
        var units = query.Mine ? [] : reader.Under(unitId!);
        var actions = await db.FigureActions.AsNoTracking()
            .Where(a => query.Mine ? a.OwnerEmployeeId == me : units.Contains(a.UnitId))
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(ct);
        var title = query.Mine ? "Mine handlinger"
            : $"Handlinger for {await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstAsync(ct)}";
        return new ActionList(title, query.Mine ? null : unitId, query.Mine, await Views.OfAsync(db, reader, user, clock, actions, ct));
    }
}

/// <summary>Actions as the lists show them: with names, group on today and follow-up.</summary>
public static class Views
{
    public static async Task<IReadOnlyList<ActionView>> OfAsync(IAppDbContext db, NoteAccess.Reader reader, ICurrentUser user, IClock clock,
        IReadOnlyCollection<FigureAction> actions, CancellationToken ct)
    {
        if (actions.Count == 0)
        {
            return [];
        }
        var ownerIds = actions.Select(a => a.OwnerEmployeeId).Distinct().ToList();
        var unitIds = actions.Select(a => a.UnitId).Distinct().ToList();
        var owners = await db.Employees.AsNoTracking().Where(e => ownerIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var unitNames = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var followUps = await Progress.ForAsync(db, actions, ct);
        var today = clock.Today;
        return actions
            .Select(a => new ActionView(a.Id, a.NoteId, a.What, a.OwnerEmployeeId, owners.GetValueOrDefault(a.OwnerEmployeeId, a.OwnerEmployeeId), a.DueOn,
                KpiCatalogue.Get(a.KpiCode), a.UnitId, unitNames.GetValueOrDefault(a.UnitId, a.UnitId), a.StartPeriod, a.Direction, a.TargetValue, a.TargetBy,
                a.CreatedBy, a.CreatedAt, a.DoneAt, a.DoneBy, FigureActionRules.GroupOf(a, today), followUps[a.Id],
                a.DoneAt is null && (a.OwnerEmployeeId == user.EmployeeId || reader.MayWrite(a.UnitId))))
            .OrderBy(a => a.Group).ThenBy(a => a.DueOn).ToList();
    }
}

/// <summary>The reader's own actions that need them now (overdue or due within a week), for their own page.</summary>
public sealed record GetMyActionsDue : IQuery<IReadOnlyList<ActionView>>, ICachedQuery
{
    public CacheScope Scope => CacheScope.Person;

    public bool ReadsWriting => true;

    public bool TakesTurn => false;
}

public sealed class GetMyActionsDueHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetMyActionsDue, IReadOnlyList<ActionView>>
{
    public async ValueTask<IReadOnlyList<ActionView>> Handle(GetMyActionsDue query, CancellationToken ct)
    {
        if (user.EmployeeId is not { } me)
        {
            return [];
        }
        var until = clock.Today.AddDays(FigureActionRules.SoonDays);
        var actions = await db.FigureActions.AsNoTracking().Where(a => a.OwnerEmployeeId == me && a.DoneAt == null && a.DueOn <= until).ToListAsync(ct);
        return actions.Count == 0 ? [] : await Views.OfAsync(db, await NoteAccess.ForAsync(db, user, ct), user, clock, actions, ct);
    }
}

/// <summary>What the form for a new action on a note needs: the note, who may own it, and the figures to choose from.</summary>
public sealed record GetActionForm(long NoteId) : IQuery<ActionForm>;

public sealed record ActionForm(NoteView Note, IReadOnlyList<ActionOwners.Owner> Owners, IReadOnlyList<Kpi> Kpis);

public sealed class GetActionFormHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetActionForm, ActionForm>
{
    public async ValueTask<ActionForm> Handle(GetActionForm query, CancellationToken ct)
    {
        var reader = await NoteAccess.ForAsync(db, user, ct);
        var note = await db.FigureNotes.AsNoTracking().Include(n => n.Explanations).FirstOrDefaultAsync(n => n.Id == query.NoteId && n.WithdrawnAt == null, ct)
            ?? throw new NotFoundException("Bemærkningen findes ikke eller er trukket tilbage.");
        if (!reader.MayWrite(note.UnitId))
        {
            throw await AccessLog.DenyAsync(db, user, clock, AddFigureActionHandler.Page, null, $"at skrive handlinger på bemærkning {query.NoteId}", ct);
        }
        var unitName = await db.OrgUnits.AsNoTracking().Where(u => u.Id == note.UnitId).Select(u => u.Name).FirstAsync(ct);
        var view = NoteViews.Of(note, unitName, true);
        var owners = await ActionOwners.OfAsync(db, reader, user, note.UnitId, ct);
        return new ActionForm(view, owners, KpiCatalogue.All);
    }
}
