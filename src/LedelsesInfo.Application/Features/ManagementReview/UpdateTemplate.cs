namespace LedelsesInfo.Application.Features.ManagementReview;

public sealed record TemplateQuestion(string Text, string? FocusArea, string? KpiCode);

/// <summary>
/// Changes a template's questions (and adds local ones). A template that a round already uses is never changed under
/// its answers: the change becomes the next version, which new rounds use.
/// </summary>
public sealed record UpdateTemplate(long TemplateId, IReadOnlyList<TemplateQuestion> Questions) : ICommand<long>;

public sealed class UpdateTemplateValidator : AbstractValidator<UpdateTemplate>
{
    public UpdateTemplateValidator()
    {
        RuleFor(c => c.Questions).NotEmpty().WithMessage("En skabelon skal have mindst ét spørgsmål.");
        RuleForEach(c => c.Questions).Must(q => !string.IsNullOrWhiteSpace(q.Text)).WithMessage("Et spørgsmål må ikke være tomt.");
    }
}

public sealed class UpdateTemplateHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<UpdateTemplate, long>
{
    public async ValueTask<long> Handle(UpdateTemplate command, CancellationToken ct)
    {
        await TemplateRules.EnsureLeaderAsync(db, user, clock, ct);
        var template = await db.ReviewTemplates.Include(t => t.Questions).SingleOrDefaultAsync(t => t.Id == command.TemplateId, ct)
            ?? throw new ValidationException("Skabelonen findes ikke.");
        await TemplateRules.EnsureMayChangeAsync(db, user, clock, template, ct);
        var known = template.Questions.Select(q => q.Text).ToHashSet();
        var questions = command.Questions.Select((q, i) => new ReviewQuestion
        {
            Order = i + 1, Text = q.Text.Trim(), FocusArea = q.FocusArea, KpiCode = q.KpiCode, Local = !known.Contains(q.Text.Trim()) || template.Questions.Any(x => x.Text == q.Text.Trim() && x.Local),
        }).ToList();
        if (await db.ReviewRounds.AnyAsync(r => r.TemplateId == template.Id, ct))
        {
            var latest = await db.ReviewTemplates.Where(t => t.FamilyKey == template.FamilyKey).MaxAsync(t => t.Version, ct);
            var next = new ReviewTemplate
            {
                FamilyKey = template.FamilyKey, Version = latest + 1, Name = template.Name, IsDefault = template.IsDefault, OwnerUnitId = template.OwnerUnitId, CreatedAt = clock.Now, CreatedBy = user.UserName, Questions = questions,
            };
            db.ReviewTemplates.Add(next);
            await db.SaveChangesAsync(ct);
            return next.Id;
        }
        db.ReviewQuestions.RemoveRange(template.Questions);
        template.Questions = questions;
        await db.SaveChangesAsync(ct);
        return template.Id;
    }
}
