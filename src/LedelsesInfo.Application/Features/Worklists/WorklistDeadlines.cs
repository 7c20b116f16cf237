namespace LedelsesInfo.Application.Features.Worklists;

/// <summary>The deadlines a worklist holds on a day, for the team leader's list and the weekly message alike.</summary>
public static class WorklistDeadlines
{
    /// <summary>
    /// The snapshot's deadlines not done by the day, overdue or due within 14 days, on cases still open that day; of one
    /// team, or of every team. Read as the deadlines still open and those done after the day, each a range of one index,
    /// not the years of history.
    /// </summary>
    public static IQueryable<DeadlineInstance> On(IAppDbContext db, DateOnly? asOf, DateOnly day, string? teamId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var soon = day.AddDays(Domain.Deadlines.DueSoonDays);
        var snapshot = db.Deadlines.AsNoTracking().Where(d => d.AsOf == asOf);
        if (teamId is not null)
        {
            snapshot = snapshot.Where(d => d.TeamId == teamId);
        }
        var notDone = snapshot.Where(d => d.DoneOn == null && d.Due <= soon).Concat(snapshot.Where(d => d.DoneOn > day && d.Due <= soon));
        return from d in notDone
               join c in db.Cases on d.CaseId equals c.Id
               where c.OpenedOn <= day && (c.ClosedOn == null || c.ClosedOn >= day)
               select d;
    }
}
