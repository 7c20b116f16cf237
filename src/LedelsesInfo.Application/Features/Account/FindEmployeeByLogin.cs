namespace LedelsesInfo.Application.Features.Account;

/// <summary>The employee a login belongs to: the user's audience and org unit come from here.</summary>
public sealed record SignedInEmployee(string EmployeeId, string Name, string UnitId, string UnitName, EmployeeRole Role, string? Login)
{
    public Audience Audience => Audiences.For(Role);
}

/// <summary>Looks up the employee behind a login (Entra ID's UPN or e-mail), case-insensitively.</summary>
public sealed record FindEmployeeByLogin(string Login) : IQuery<SignedInEmployee?>;

public sealed class FindEmployeeByLoginHandler(IAppDbContext db) : IQueryHandler<FindEmployeeByLogin, SignedInEmployee?>
{
    public async ValueTask<SignedInEmployee?> Handle(FindEmployeeByLogin query, CancellationToken cancellationToken)
    {
        var login = query.Login.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower to SQL; string.Equals with a StringComparison does not translate.
        var employee = await (from e in db.Employees.AsNoTracking()
                      join u in db.OrgUnits on e.UnitId equals u.Id
                      where e.Login != null && e.Login.ToLower() == login && e.RemovedAt == null
                      select new SignedInEmployee(e.Id, e.Name, e.UnitId, u.Name, e.Role, e.Login))
            .FirstOrDefaultAsync(cancellationToken);
#pragma warning restore CA1862
        return employee;
    }
}
