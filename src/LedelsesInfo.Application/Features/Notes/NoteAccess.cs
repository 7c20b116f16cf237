namespace LedelsesInfo.Application.Features.Notes;

/// <summary>
/// Who may write a note on a unit's figure (a leader of that unit or above: the team's leader, management for its own
/// subtree, an administrator anywhere) and whose notes a reader sees (docs/dashboards.md, "Notes on a figure"): the
/// committee only those marked for it, a caseworker the own team's, a leader the own subtree's, an administrator all.
/// </summary>
public static class NoteAccess
{
    /// <summary>What one reader may see and write, from one read of the tree; <see cref="Under"/> is a visible unit and the visible units below it.</summary>
    public sealed record Reader(HashSet<string> Visible, bool CommitteeOnly, Func<string, bool> MayWrite, Func<string, HashSet<string>> Under);

    public static async Task<Reader> ForAsync(IAppDbContext db, ICurrentUser user, CancellationToken ct)
    {
        var tree = (await db.OrgUnits.AsNoTracking().Where(u => u.ParentId != null).Select(u => new { u.Id, u.ParentId }).ToListAsync(ct))
            .ToLookup(u => u.ParentId!, u => u.Id);
        if (user.Audience == Audience.Caseworker)
        {
            HashSet<string> own = user.UnitId is { } team ? [team] : [];
            return new Reader(own, false, _ => false, unit => own.Contains(unit) ? [unit] : []);
        }
        var visible = await Scope.VisibleUnitIdsAsync(db, user, ct);
        Func<string, bool> mayWrite = user.Audience switch
        {
            Audience.Administrator => visible.Contains,
            Audience.Management => visible.Contains,
            Audience.TeamLeader => unit => unit == user.UnitId,
            _ => _ => false,
        };
        return new Reader(visible, user.Audience == Audience.Committee, mayWrite,
            unit => visible.Contains(unit) ? Scope.Below(tree, unit).Where(visible.Contains).ToHashSet() : []);
    }

    public static async Task<bool> MayWriteAsync(IAppDbContext db, ICurrentUser user, string unitId, CancellationToken ct) =>
        (await ForAsync(db, user, ct)).MayWrite(unitId);
}
