namespace LedelsesInfo.Application.Features.ManagementReview;

/// <summary>The annual wheel (årshjul): one round per quarter for the team, each with its seed, mode and focus area.</summary>
public sealed record PlanYear(int Year, int SampleSize = 5, ReviewMode Mode = ReviewMode.Dialogue, IReadOnlyList<string?>? FocusAreas = null, long? TemplateId = null) : ICommand<IReadOnlyList<long>>;

public sealed class PlanYearValidator : AbstractValidator<PlanYear>
{
    public PlanYearValidator()
    {
        RuleFor(c => c.Year).InclusiveBetween(2000, 2100).WithMessage("Året skal være mellem 2000 og 2100.");
        RuleFor(c => c.Mode).IsInEnum().WithMessage("Vælg en form for gennemgangen.");
        RuleFor(c => c.SampleSize).InclusiveBetween(1, 50).WithMessage("En runde skal have mellem 1 og 50 sager.");
        RuleFor(c => c.FocusAreas).Must(f => f is null || f.Count == 4).WithMessage("Angiv et fokusområde (eller intet) for hvert af de fire kvartaler.");
    }
}

public sealed class PlanYearHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<PlanYear, IReadOnlyList<long>>
{
    public async ValueTask<IReadOnlyList<long>> Handle(PlanYear command, CancellationToken ct)
    {
        if (user.Audience != Audience.TeamLeader || user.UnitId is null)
        {
            throw await AccessLog.DenyAsync(db, user, clock, RoundRules.Page, null, "at planlægge ledelsestilsyn", ct);
        }
        // The chosen template's latest version, or the default's.
        var chosen = command.TemplateId is { } id
            ? await db.ReviewTemplates.Where(t => t.Id == id).Select(t => t.FamilyKey).SingleOrDefaultAsync(ct) ?? throw new ValidationException("Skabelonen findes ikke.")
            : null;
        var template = await db.ReviewTemplates.Where(t => chosen != null ? t.FamilyKey == chosen : t.IsDefault).OrderByDescending(t => t.Version).FirstAsync(ct);
        var existing = await db.ReviewRounds.Where(r => r.TeamId == user.UnitId && r.Year == command.Year).Select(r => r.Quarter).ToListAsync(ct);
        for (var q = 1; q <= 4; q++)
        {
            if (!existing.Contains(q))
            {
                db.ReviewRounds.Add(new ReviewRound
                {
                    TeamId = user.UnitId, Year = command.Year, Quarter = q, TemplateId = template.Id, Mode = command.Mode,
                    FocusArea = command.FocusAreas?[q - 1], SampleSize = command.SampleSize, Seed = ReviewSampling.SeedFor(user.UnitId, command.Year, q),
                    Status = RoundStatus.Planned,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        return await db.ReviewRounds.Where(r => r.TeamId == user.UnitId && r.Year == command.Year).OrderBy(r => r.Quarter).Select(r => r.Id).ToListAsync(ct);
    }
}
