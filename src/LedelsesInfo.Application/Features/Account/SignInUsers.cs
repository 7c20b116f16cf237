using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

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
                      where e.Login != null && e.Login.ToLower() == login
                      select new SignedInEmployee(e.Id, e.Name, e.UnitId, u.Name, e.Role, e.Login))
            .FirstOrDefaultAsync(cancellationToken);
#pragma warning restore CA1862
        return employee;
    }
}

/// <summary>Looks up one employee by id, for the development sign-in.</summary>
public sealed record FindEmployee(string EmployeeId) : IQuery<SignedInEmployee?>;

public sealed class FindEmployeeHandler(IAppDbContext db) : IQueryHandler<FindEmployee, SignedInEmployee?>
{
    public async ValueTask<SignedInEmployee?> Handle(FindEmployee query, CancellationToken cancellationToken) =>
        await (from e in db.Employees.AsNoTracking()
               join u in db.OrgUnits on e.UnitId equals u.Id
               where e.Id == query.EmployeeId
               select new SignedInEmployee(e.Id, e.Name, e.UnitId, u.Name, e.Role, e.Login))
            .FirstOrDefaultAsync(cancellationToken);
}

/// <summary>The demo users the development sign-in offers, grouped by audience.</summary>
public sealed record ListSignInUsers : IQuery<IReadOnlyList<SignInGroup>>;

public sealed record SignInGroup(Audience Audience, IReadOnlyList<SignedInEmployee> Users);

public sealed class ListSignInUsersHandler(IAppDbContext db) : IQueryHandler<ListSignInUsers, IReadOnlyList<SignInGroup>>
{
    public async ValueTask<IReadOnlyList<SignInGroup>> Handle(ListSignInUsers query, CancellationToken cancellationToken)
    {
        var employees = await (from e in db.Employees.AsNoTracking()
                               join u in db.OrgUnits on e.UnitId equals u.Id
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
