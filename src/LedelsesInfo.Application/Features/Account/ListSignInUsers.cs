namespace LedelsesInfo.Application.Features.Account;

/// <summary>The demo users the development sign-in offers, grouped by audience.</summary>
public sealed record ListSignInUsers : IQuery<IReadOnlyList<SignInGroup>>;

public sealed record SignInGroup(Audience Audience, IReadOnlyList<SignedInEmployee> Users);

public sealed class ListSignInUsersHandler(IAppDbContext db) : IQueryHandler<ListSignInUsers, IReadOnlyList<SignInGroup>>
{
    public async ValueTask<IReadOnlyList<SignInGroup>> Handle(ListSignInUsers query, CancellationToken cancellationToken)
    {
        var employees = await (from e in db.Employees.AsNoTracking()
                               join u in db.OrgUnits on e.UnitId equals u.Id
                               where e.RemovedAt == null
                               orderby u.Name, e.Name
                               select new SignedInEmployee(e.Id, e.Name, e.UnitId, u.Name, e.Role, e.Login))
            .ToListAsync(cancellationToken);
        return employees
            .GroupBy(e => e.Audience)
            .OrderBy(g => g.Key)
            .Select(g => new SignInGroup(g.Key, g.ToList()))
            .ToList();
    }
}
