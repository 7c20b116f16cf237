namespace LedelsesInfo.Application.Features.Worklists;

/// <summary>
/// A caseworker or team leader marks a deadline from the worklist: registered in the case system (with the day), agreed
/// with the team leader (with a note and a new expected date), or an error in the data (with what is wrong). The mark is
/// kept with who set it and when; it changes no key figure and is shown beside the deadline until an import shows it done.
/// </summary>
public sealed record SetDeadlineMark(string CaseId, string Kind, string SourceId, int K, string Mark, DateOnly? On, string? Note) : ICommand<DeadlineMarkView>, INamesDeadline;

/// <summary>A message that names a deadline as a worklist's row does: the case, the deadline's kind code and its source.</summary>
public interface INamesDeadline
{
    string CaseId { get; }
    string Kind { get; }
    string SourceId { get; }
}

/// <summary>The rules for a named deadline, shared by the marking form and the mark.</summary>
public sealed class NamesDeadlineValidator : AbstractValidator<INamesDeadline>
{
    public NamesDeadlineValidator()
    {
        RuleFor(m => m.CaseId).NotEmpty().MaximumLength(AccessLog.MaxCaseIdLength).WithMessage("Sagen kendes ikke.");
        RuleFor(m => m.SourceId).NotEmpty().MaximumLength(64).WithMessage("Fristen kendes ikke.");
        RuleFor(m => m.Kind).Must(k => Code<DeadlineKind>.TryParse(k, out _)).WithMessage("Fristen kendes ikke.");
    }
}

public sealed class SetDeadlineMarkValidator : AbstractValidator<SetDeadlineMark>
{
    public SetDeadlineMarkValidator(IClock clock)
    {
        Include(new NamesDeadlineValidator());
        RuleFor(m => m.Mark).Must(k => Code<DeadlineMarkKind>.TryParse(k, out _)).WithMessage("Vælg hvad der er sket med fristen.");
        RuleFor(m => m.Note).MaximumLength(500).WithMessage("Noten må højst være 500 tegn.");
        When(m => m.Mark == Code<DeadlineMarkKind>.Of(DeadlineMarkKind.Registered), () =>
            RuleFor(m => m.On).NotNull().WithMessage("Skriv den dag, det blev registreret i fagsystemet.")
                .Must(d => d <= clock.Today && d >= clock.Today.AddYears(-1)).WithMessage("Registreringsdagen skal ligge inden for det seneste år og ikke efter i dag."));
        When(m => m.Mark == Code<DeadlineMarkKind>.Of(DeadlineMarkKind.Agreed), () =>
        {
            RuleFor(m => m.Note).NotEmpty().WithMessage("Skriv hvad der er aftalt med teamlederen.");
            RuleFor(m => m.On).NotNull().WithMessage("Skriv den nye forventede dato.")
                .Must(d => d >= clock.Today && d <= clock.Today.AddYears(1)).WithMessage("Den nye forventede dato skal ligge fra i dag og højst et år frem.");
        });
        When(m => m.Mark == Code<DeadlineMarkKind>.Of(DeadlineMarkKind.DataError), () =>
            RuleFor(m => m.Note).NotEmpty().WithMessage("Skriv hvad der er forkert i data."));
    }
}

public sealed class SetDeadlineMarkHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<SetDeadlineMark, DeadlineMarkView>
{
    public const string Page = "Frist markeret";

    public async ValueTask<DeadlineMarkView> Handle(SetDeadlineMark command, CancellationToken ct)
    {
        var kind = Code<DeadlineKind>.Parse(command.Kind);
        var mark = Code<DeadlineMarkKind>.Parse(command.Mark);
        var deadline = await MarkableDeadline.FindAsync(db, user, command.CaseId, kind, command.SourceId, command.K, ct)
            ?? throw await AccessLog.DenyAsync(db, user, clock, Page, command.CaseId, $"at markere en frist på sag {command.CaseId}", ct);
        var row = new DeadlineMark
        {
            CaseId = command.CaseId, Kind = kind, SourceId = command.SourceId, K = command.K, Due = deadline.Due, Mark = mark,
            On = mark == DeadlineMarkKind.DataError ? null : command.On, Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
            SetBy = user.UserName, SetByEmployeeId = user.EmployeeId, SetAt = clock.Now,
        };
        db.DeadlineMarks.Add(row);
        await db.SaveChangesAsync(ct);
        return DeadlineMarkView.Of(row);
    }
}

/// <summary>A deadline the user may mark: in the newest snapshot, on one's own case (a caseworker) or the own team's (a team leader).</summary>
public sealed record MarkableDeadline(DateOnly Due, string TeamId, string CaseworkerId, DateOnly? DoneOn)
{
    public static async Task<MarkableDeadline?> FindAsync(IAppDbContext db, ICurrentUser user, string caseId, DeadlineKind kind, string sourceId, int k, CancellationToken ct)
    {
        var asOf = await KpiQueries.LatestAsOfAsync(db, ct);
        var deadline = await db.Deadlines.AsNoTracking()
            .Where(d => d.AsOf == asOf && d.CaseId == caseId && d.Kind == kind && d.SourceId == sourceId && d.K == k)
            .Select(d => new MarkableDeadline(d.Due, d.TeamId, d.CaseworkerId, d.DoneOn)).FirstOrDefaultAsync(ct);
        var mayMark = deadline is not null && user.Audience switch
        {
            Audience.Caseworker => user.EmployeeId is not null && deadline.CaseworkerId == user.EmployeeId,
            Audience.TeamLeader => user.UnitId is not null && deadline.TeamId == user.UnitId,
            _ => false,
        };
        return mayMark ? deadline : null;
    }
}
