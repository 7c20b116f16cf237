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
        ArgumentNullException.ThrowIfNull(user);
        var tree = (await db.OrgUnits.AsNoTracking().Where(u => u.ParentId != null).Select(u => new { u.Id, u.ParentId }).ToListAsync(ct))
            .ToLookup(u => u.ParentId!, u => u.Id);
        return user.Audience == Audience.Caseworker ? Caseworker(user) : For(user, tree, await Scope.VisibleUnitIdsAsync(db, user, ct));
    }

    /// <summary>The same, from the tree and the visible units kept for the data version (<see cref="SharedReads"/>).</summary>
    public static async Task<Reader> ForAsync(SharedReads reads, ICurrentUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(user);
        if (user.Audience == Audience.Caseworker)
        {
            return Caseworker(user);
        }
        var tree = (await reads.UnitsAsync(ct)).Values.Where(u => u.ParentId != null).ToLookup(u => u.ParentId!, u => u.Id);
        return For(user, tree, [.. await reads.VisibleUnitIdsAsync(user, ct)]);
    }

    private static Reader Caseworker(ICurrentUser user)
    {
        HashSet<string> own = user.UnitId is { } team ? [team] : [];
        return new Reader(own, false, _ => false, unit => own.Contains(unit) ? [unit] : []);
    }

    private static Reader For(ICurrentUser user, ILookup<string, string> tree, HashSet<string> visible)
    {
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
