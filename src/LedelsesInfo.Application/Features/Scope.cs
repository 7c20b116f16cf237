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
        var children = units.Where(u => u.ParentId != null).ToLookup(u => u.ParentId!, u => u.Id);
        var visible = new HashSet<string>();
        var queue = new Queue<string>([user.UnitId]);
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
