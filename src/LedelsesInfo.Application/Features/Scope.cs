namespace LedelsesInfo.Application.Features;

/// <summary>Which org units a user may see: their own unit and everything below it.</summary>
public static class Scope
{
    public static async Task<HashSet<string>> VisibleUnitIdsAsync(IAppDbContext db, ICurrentUser user, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(ct);
        if (user.Audience is Audience.Committee or Audience.Administrator || user.UnitId is null)
        {
            return user.Audience is Audience.Committee or Audience.Administrator ? units.Select(u => u.Id).ToHashSet() : [];
        }
        return Below(units.Where(u => u.ParentId != null).ToLookup(u => u.ParentId!, u => u.Id), user.UnitId);
    }

    /// <summary>A unit and every unit below it, walking the tree's children.</summary>
    public static HashSet<string> Below(ILookup<string, string> children, string root)
    {
        ArgumentNullException.ThrowIfNull(children);
        var visible = new HashSet<string>();
        var queue = new Queue<string>([root]);
        while (queue.TryDequeue(out var id))
        {
            if (visible.Add(id))
            {
                foreach (var child in children[id])
                {
                    queue.Enqueue(child);
                }
            }
        }
        return visible;
    }
}
