namespace LedelsesInfo.Application.Features.Home;

/// <summary>The front page: who you are, what the data cover, and the headline counts of what you may see.</summary>
public sealed record GetHome : IQuery<HomeOverview>;

public sealed record HomeOverview(
    string UserName,
    Audience Audience,
    string? UnitName,
    DateOnly? DataAsOf,
    int OpenCases,
    int Caseworkers,
    int Teams,
    decimal SpendingThisYear,
    IReadOnlyList<RecentImport> RecentImports);

public sealed record RecentImport(string FileName, DateTime StartedAt, ImportStatus Status, int RowsApplied, int RowsRejected);

public sealed class GetHomeHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetHome, HomeOverview>
{
    public async ValueTask<HomeOverview> Handle(GetHome query, CancellationToken cancellationToken)
    {
        var units = await Scope.VisibleUnitIdsAsync(db, user, cancellationToken);
        var unitName = user.UnitId is null
            ? null
            : await db.OrgUnits.Where(u => u.Id == user.UnitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);

        var cases = db.Cases.AsNoTracking().Where(c => units.Contains(c.TeamId) && c.ClosedOn == null);
        if (user.Audience == Audience.Caseworker)
        {
            cases = cases.Where(c => c.CaseworkerId == user.EmployeeId);
        }
        var openCases = await cases.CountAsync(cancellationToken);
        var caseworkers = await db.Employees.CountAsync(e => units.Contains(e.UnitId) && e.Role == EmployeeRole.Caseworker, cancellationToken);
        var teams = await db.OrgUnits.CountAsync(u => units.Contains(u.Id) && u.Level == UnitLevel.Team, cancellationToken);

        // As of: the date of the key-figure snapshot, the same date every dashboard shows.
        var asOf = await KpiQueries.LatestAsOfAsync(db, cancellationToken);
        var year = (asOf ?? clock.Today).Year;
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var spending = await db.Payments
            .Where(p => units.Contains(p.UnitId) && p.PostedOn >= from && p.PostedOn <= to)
            .SumAsync(p => p.Amount, cancellationToken);

        var imports = user.Audience == Audience.Administrator
            ? await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(12)
                .Select(b => new RecentImport(b.FileName, b.StartedAt, b.Status, b.RowsApplied, b.RowsRejected))
                .ToListAsync(cancellationToken)
            : [];

        return new HomeOverview(user.UserName, user.Audience, unitName, asOf, openCases, caseworkers, teams, spending, imports);
    }
}
