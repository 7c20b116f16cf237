using FluentValidation;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Application.Features.Supervision;

public sealed record TemplateQuestion(string Text, string? FocusArea, string? KpiCode);

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
        var source = await db.ReviewTemplates.AsNoTracking().Include(t => t.Questions).SingleAsync(t => t.Id == command.TemplateId, ct);
        var copy = new ReviewTemplate
        {
            FamilyKey = Guid.NewGuid().ToString("N"), Version = 1, Name = command.Name.Trim(), CreatedAt = clock.Now, CreatedBy = user.UserName,
            Questions = source.Questions.OrderBy(q => q.Order).Select(q => new ReviewQuestion { Order = q.Order, Text = q.Text, FocusArea = q.FocusArea, KpiCode = q.KpiCode, Local = q.Local }).ToList(),
        };
        db.ReviewTemplates.Add(copy);
        await db.SaveChangesAsync(ct);
        return copy.Id;
    }
}

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
        var template = await db.ReviewTemplates.Include(t => t.Questions).SingleAsync(t => t.Id == command.TemplateId, ct);
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
                FamilyKey = template.FamilyKey, Version = latest + 1, Name = template.Name, IsDefault = template.IsDefault, CreatedAt = clock.Now, CreatedBy = user.UserName, Questions = questions,
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

internal static class TemplateRules
{
    public static async Task EnsureLeaderAsync(IAppDbContext db, ICurrentUser user, IClock clock, CancellationToken ct)
    {
        if (user.Audience is not (Audience.TeamLeader or Audience.Management or Audience.Administrator))
        {
            throw await AccessLog.DenyAsync(db, user, clock, RoundRules.Page, null, "at rette skabeloner", ct);
        }
    }
}

public sealed record TemplateSummary(long Id, string FamilyKey, string Name, int Version, bool IsDefault, bool InUse, IReadOnlyList<ReviewQuestion> Questions);

/// <summary>The latest version of every template, with its questions, and whether a round uses it.</summary>
public sealed record GetTemplates : IQuery<IReadOnlyList<TemplateSummary>>;

public sealed class GetTemplatesHandler(IAppDbContext db) : IQueryHandler<GetTemplates, IReadOnlyList<TemplateSummary>>
{
    public async ValueTask<IReadOnlyList<TemplateSummary>> Handle(GetTemplates query, CancellationToken ct)
    {
        var all = await db.ReviewTemplates.AsNoTracking().Include(t => t.Questions).ToListAsync(ct);
        var used = await db.ReviewRounds.Select(r => r.TemplateId).Distinct().ToListAsync(ct);
        return all.GroupBy(t => t.FamilyKey).Select(g => g.OrderByDescending(t => t.Version).First())
            .OrderByDescending(t => t.IsDefault).ThenBy(t => t.Name)
            .Select(t => new TemplateSummary(t.Id, t.FamilyKey, t.Name, t.Version, t.IsDefault, used.Contains(t.Id), t.Questions.OrderBy(q => q.Order).ToList()))
            .ToList();
    }
}
