namespace LedelsesInfo.Application.Features.Notes;

/// <summary>
/// Who may write a note on a unit's figure (a leader of that unit or above: the team's leader, management for its own
/// subtree, an administrator anywhere) and whose notes a reader sees (docs/dashboards.md, "Notes on a figure"): the
/// committee only those marked for it, a caseworker the own team's, a leader the own subtree's, an administrator all.
/// </summary>
public static class NoteAccess
{
    public static async Task<bool> MayWriteAsync(IAppDbContext db, ICurrentUser user, string unitId, CancellationToken ct) => user.Audience switch
    {
        Audience.Administrator => await db.OrgUnits.AnyAsync(u => u.Id == unitId, ct),
        Audience.TeamLeader => user.UnitId == unitId,
        Audience.Management => (await Scope.VisibleUnitIdsAsync(db, user, ct)).Contains(unitId),
        _ => false,
    };

    /// <summary>The units the reader may write on, as one test for many notes (one read of the tree, not one per note).</summary>
    public static async Task<Func<string, bool>> WritableAsync(IAppDbContext db, ICurrentUser user, CancellationToken ct)
    {
        switch (user.Audience)
        {
            case Audience.Administrator:
                return _ => true;
            case Audience.TeamLeader:
                return unit => unit == user.UnitId;
            case Audience.Management:
                var visible = await Scope.VisibleUnitIdsAsync(db, user, ct);
                return visible.Contains;
            default:
                return _ => false;
        }
    }

    /// <summary>The units whose notes the reader sees, and whether only those marked for the committee.</summary>
    public static async Task<(HashSet<string> Units, bool CommitteeOnly)> VisibleAsync(IAppDbContext db, ICurrentUser user, CancellationToken ct) => user.Audience switch
    {
        Audience.Committee => (await Scope.VisibleUnitIdsAsync(db, user, ct), true),
        Audience.Caseworker => (user.UnitId is { } team ? [team] : [], false),
        _ => (await Scope.VisibleUnitIdsAsync(db, user, ct), false),
    };
}
