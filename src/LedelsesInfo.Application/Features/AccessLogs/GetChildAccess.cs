namespace LedelsesInfo.Application.Features.AccessLogs;

public sealed record ChildAccessRow(DateTime At, string CaseId, string Unit, string Page, string Action);

/// <summary>What the municipality sends a citizen who asks who has looked up a child (indsigt i logning): when, which case, which unit.</summary>
public sealed record ChildAccessReport(string ChildId, DateOnly From, DateOnly To, IReadOnlyList<string> CaseIds, IReadOnlyList<ChildAccessRow> Rows, TableData Table);

/// <summary>
/// A citizen's request for the access log of a child (GDPR art. 15): every time one of the child's cases was looked up in
/// the period, and by which unit. The employees' names are withheld, as Datatilsynet's practice allows; the administrator
/// sees them in the case look-up (<see cref="GetCaseAccess"/>). The look-up is itself logged.
/// </summary>
public sealed record GetChildAccess(string ChildId, DateOnly? From = null, DateOnly? To = null) : IQuery<ChildAccessReport>;

public sealed class GetChildAccessValidator : AbstractValidator<GetChildAccess>
{
    public GetChildAccessValidator()
    {
        RuleFor(q => q.ChildId).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Skriv barnets id.")
            .MaximumLength(64).WithMessage("Et barn-id er højst 64 tegn.");
        RuleFor(q => q).Must(q => q.From is null || q.To is null || q.From <= q.To).WithMessage("Fra-datoen skal ligge før til-datoen.")
            .OverridePropertyName("fra");
    }
}

public sealed class GetChildAccessHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetChildAccess, ChildAccessReport>
{
    public const string Page = "Adgangslog: indsigt for et barn";

    public async ValueTask<ChildAccessReport> Handle(GetChildAccess query, CancellationToken ct)
    {
        var child = query.ChildId.Trim();
        if (user.Audience != Audience.Administrator)
        {
            throw await AccessLog.DenyAsync(db, user, clock, Page, null, "adgangsloggen", ct);
        }
        var to = query.To ?? clock.Today;
        var from = query.From ?? to.AddYears(-5);
        var cases = await db.Cases.AsNoTracking().Where(c => c.ChildId == child).Select(c => c.Id).OrderBy(c => c).ToListAsync(ct);
        var days = await db.AccessLogCaseDays.AsNoTracking().Where(d => cases.Contains(d.CaseId) && d.Day >= from && d.Day <= to)
            .Select(d => d.Day).Distinct().OrderBy(d => d).ToListAsync(ct);
        var units = await (from e in db.Employees.AsNoTracking() join u in db.OrgUnits.AsNoTracking() on e.UnitId equals u.Id select new { e.Id, u.Name })
            .ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var rows = new List<ChildAccessRow>();
        foreach (var day in days)
        {
            // One line for each of the child's cases a view showed, in the order the view showed them.
            rows.AddRange((await AccessLog.ViewsShowingAsync(db, day, cases, ct)).SelectMany(v => v.Cases.Select(c =>
                new ChildAccessRow(v.View.At, c, v.View.EmployeeId is { } e && units.TryGetValue(e, out var unit) ? unit : "ukendt enhed", v.View.Page, v.View.Action))));
        }
        await AccessLog.WriteAsync(db, user, clock, Page, "opslag", cases.Count == 0 ? [null] : cases.Select(c => (string?)c), ct);
        var table = new TableData("indsigt", $"Opslag på barnets sager {Danish.Date(from)} – {Danish.Date(to)}",
            [new("Tidspunkt"), new("Sag"), new("Enhed"), new("Side"), new("Handling")],
            rows.Select(r => (object?[])[r.At.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), r.CaseId, r.Unit, r.Page, r.Action]).ToList());
        return new ChildAccessReport(child, from, to, cases, rows, table);
    }
}
