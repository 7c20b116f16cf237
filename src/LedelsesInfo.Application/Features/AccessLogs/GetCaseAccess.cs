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
        var rows = new List<CaseAccessRow>();
        foreach (var day in days)
        {
            rows.AddRange((await AccessLog.ViewsShowingAsync(db, day, [caseId], cancellationToken))
                .Select(v => new CaseAccessRow(v.View.At, v.View.UserName, v.View.EmployeeId, v.View.Page, v.View.Action)));
        }
        // The look-up is itself logged: the next answer shows who asked.
        await AccessLog.WriteAsync(db, user, clock, Page, "opslag", [caseId], cancellationToken);
        return rows;
    }
}
