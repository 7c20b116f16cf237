namespace LedelsesInfo.Application.Features.AccessLogs;

/// <summary>One view: the cases it showed, none for a refusal without a case.</summary>
public sealed record UserAccessRow(DateTime At, IReadOnlyList<string> CaseIds, string Page, string Action);

/// <summary>What one user (by user name or employee id) looked up in a period of at most a year, newest first, at most <see cref="GetUserAccessHandler.MaxRows"/> views.</summary>
public sealed record GetUserAccess(string User, DateOnly From, DateOnly To) : IQuery<UserAccess>;

public sealed record UserAccess(string User, DateOnly From, DateOnly To, IReadOnlyList<UserAccessRow> Rows, bool More);

public sealed class GetUserAccessValidator : AbstractValidator<GetUserAccess>
{
    public GetUserAccessValidator()
    {
        RuleFor(q => q.User).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Skriv brugerens navn (login) eller medarbejder-id.")
            .MaximumLength(256).WithMessage("Et brugernavn er højst 256 tegn.");
        RuleFor(q => q).Must(q => q.From <= q.To).WithMessage("Fra-datoen skal ligge før til-datoen.").OverridePropertyName("fra")
            .Must(q => q.To.DayNumber - q.From.DayNumber <= 366).WithMessage("Søg højst et år ad gangen.").OverridePropertyName("fra");
    }
}

public sealed class GetUserAccessHandler(IAppDbContext db, ICurrentUser user, IClock clock) : IQueryHandler<GetUserAccess, UserAccess>
{
    public const string Page = "Adgangslog: en brugers opslag";
    public const int MaxRows = 5000;

    public async ValueTask<UserAccess> Handle(GetUserAccess query, CancellationToken ct)
    {
        var who = query.User.Trim();
        if (user.Audience != Audience.Administrator)
        {
            throw await AccessLog.DenyAsync(db, user, clock, Page, null, "adgangsloggen", ct);
        }
        var start = query.From.ToDateTime(TimeOnly.MinValue);
        var end = query.To.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var rows = await db.AccessLog.AsNoTracking()
            .Where(l => l.At >= start && l.At < end && (l.UserName == who || l.EmployeeId == who))
            .OrderByDescending(l => l.At).ThenByDescending(l => l.Id)
            .Take(MaxRows + 1)
            .ToListAsync(ct);
        await AccessLog.WriteAsync(db, user, clock, $"{Page}: {who}", "opslag", [null], ct);
        return new UserAccess(who, query.From, query.To, rows.Take(MaxRows).Select(l => new UserAccessRow(l.At, l.Cases(), l.Page, l.Action)).ToList(), rows.Count > MaxRows);
    }
}
