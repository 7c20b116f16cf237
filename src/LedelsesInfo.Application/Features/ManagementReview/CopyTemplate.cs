namespace LedelsesInfo.Application.Features.ManagementReview;

/// <summary>Copies a template under a new name, as the start of a local one.</summary>
public sealed record CopyTemplate(long TemplateId, string Name) : ICommand<long>;

public sealed class CopyTemplateValidator : AbstractValidator<CopyTemplate>
{
    public CopyTemplateValidator() => RuleFor(c => c.Name).NotEmpty().WithMessage("Giv skabelonen et navn.").MaximumLength(200).WithMessage("Navnet må højst være 200 tegn.");
}

public sealed class CopyTemplateHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<CopyTemplate, long>
{
    public async ValueTask<long> Handle(CopyTemplate command, CancellationToken ct)
    {
        await TemplateRules.EnsureLeaderAsync(db, user, clock, ct);
        var source = await db.ReviewTemplates.AsNoTracking().Include(t => t.Questions).SingleOrDefaultAsync(t => t.Id == command.TemplateId, ct)
            ?? throw new ValidationException("Skabelonen findes ikke.");
        var copy = new ReviewTemplate
        {
            FamilyKey = Guid.NewGuid().ToString("N"), Version = 1, Name = command.Name.Trim(), OwnerUnitId = user.Audience == Audience.Administrator ? null : user.UnitId, CreatedAt = clock.Now, CreatedBy = user.UserName,
            Questions = source.Questions.OrderBy(q => q.Order).Select(q => new ReviewQuestion { Order = q.Order, Text = q.Text, FocusArea = q.FocusArea, KpiCode = q.KpiCode, Local = q.Local }).ToList(),
        };
        db.ReviewTemplates.Add(copy);
        await db.SaveChangesAsync(ct);
        return copy.Id;
    }
}
