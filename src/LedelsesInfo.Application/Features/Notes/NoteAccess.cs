namespace LedelsesInfo.Application.Features.Notes;

/// <summary>
/// Who may write a note on a unit's figure (a leader of that unit or above: the team's leader, management for its own
/// subtree, an administrator anywhere) and whose notes a reader sees (docs/dashboards.md, "Notes on a figure"): the
/// committee only those marked for it, a caseworker the own team's, a leader the own subtree's, an administrator all.
/// </summary>
public static class NoteAccess
{
    /// <summary>What one reader may see and write, from one read of the tree.</summary>
    public sealed record Reader(HashSet<string> Visible, bool CommitteeOnly, Func<string, bool> MayWrite);

    public static async Task<Reader> ForAsync(IAppDbContext db, ICurrentUser user, CancellationToken ct)
    {
        if (user.Audience == Audience.Caseworker)
        {
            return new Reader(user.UnitId is { } team ? [team] : [], false, _ => false);
        }
        var visible = await Scope.VisibleUnitIdsAsync(db, user, ct);
        Func<string, bool> mayWrite = user.Audience switch
        {
            Audience.Administrator => visible.Contains,
            Audience.Management => visible.Contains,
            Audience.TeamLeader => unit => unit == user.UnitId,
            _ => _ => false,
        };
        return new Reader(visible, user.Audience == Audience.Committee, mayWrite);
    }

    public static async Task<bool> MayWriteAsync(IAppDbContext db, ICurrentUser user, string unitId, CancellationToken ct) =>
        (await ForAsync(db, user, ct)).MayWrite(unitId);
}
