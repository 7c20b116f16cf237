namespace LedelsesInfo.Application.Features.AccessLogs;

public sealed record CaseAccessRow(DateTime At, string UserName, string? EmployeeId, string Page, string Action);

/// <summary>
/// Who has seen one case, when and on which page: what the municipality answers a citizen who asks (GDPR art. 15).
/// The days the case was seen come from <see cref="AccessLogCaseDay"/>, then each day's views are read by time and kept
/// where they showed the case.
/// </summary>
public sealed record GetCaseAccess(string CaseId) : IQuery<IReadOnlyList<CaseAccessRow>>;

public sealed class GetCaseAccessValidator : AbstractValidator<GetCaseAccess>
{
    public GetCaseAccessValidator() =>
        RuleFor(q => q.CaseId).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Skriv sagens id.")
            .MaximumLength(64).WithMessage("Et sags-id er højst 64 tegn.");
}

public sealed class GetCaseAccessHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetCaseAccess, IReadOnlyList<CaseAccessRow>>
{
    public const string Page = "Adgangslog";

    public async ValueTask<IReadOnlyList<CaseAccessRow>> Handle(GetCaseAccess query, CancellationToken cancellationToken)
    {
        var caseId = query.CaseId;
        if (user.Audience != Audience.Administrator)
        {
            throw await AccessLog.DenyAsync(db, user, clock, Page, caseId, "adgangsloggen", cancellationToken);
        }
        var days = await db.AccessLogCaseDays.AsNoTracking().Where(d => d.CaseId == caseId).Select(d => d.Day).OrderBy(d => d).ToListAsync(cancellationToken);
        var needle = AccessLogEntry.Needle(caseId);
        var rows = new List<CaseAccessRow>();
        foreach (var day in days)
        {
            var from = day.ToDateTime(TimeOnly.MinValue);
            var to = from.AddDays(1);
            var views = await db.AccessLog.AsNoTracking()
                .Where(l => l.At >= from && l.At < to && l.CaseIds != null && l.CaseIds.Contains(needle))
                .OrderBy(l => l.At).ThenBy(l => l.Id)
                .ToListAsync(cancellationToken);
            rows.AddRange(views.Where(l => l.Cases().Contains(caseId)).Select(l => new CaseAccessRow(l.At, l.UserName, l.EmployeeId, l.Page, l.Action)));
        }
        // The look-up is itself logged: the next answer shows who asked.
        await AccessLog.WriteAsync(db, user, clock, Page, "opslag", [caseId], cancellationToken);
        return rows;
    }
}
