namespace LedelsesInfo.Application.Features.Account;

/// <summary>Looks up one employee by id, for the development sign-in.</summary>
public sealed record FindEmployee(string EmployeeId) : IQuery<SignedInEmployee?>;

public sealed class FindEmployeeHandler(IAppDbContext db) : IQueryHandler<FindEmployee, SignedInEmployee?>
{
    public async ValueTask<SignedInEmployee?> Handle(FindEmployee query, CancellationToken cancellationToken) =>
        await (from e in db.Employees.AsNoTracking()
               join u in db.OrgUnits on e.UnitId equals u.Id
               where e.Id == query.EmployeeId && e.RemovedAt == null
               select new SignedInEmployee(e.Id, e.Name, e.UnitId, u.Name, e.Role, e.Login))
            .FirstOrDefaultAsync(cancellationToken);
}
