namespace LedelsesInfo.Application.Features.ManagementReview;

public sealed record TemplateSummary(long Id, string FamilyKey, string Name, int Version, bool IsDefault, bool InUse, IReadOnlyList<QuestionView> Questions, bool MayChange = false);

/// <summary>The latest version of every template, with its questions, whether a round uses it, and whether the reader may change it.</summary>
public sealed record GetTemplates : IQuery<IReadOnlyList<TemplateSummary>>;

public sealed class GetTemplatesHandler(IAppDbContext db, ICurrentUser user) : IQueryHandler<GetTemplates, IReadOnlyList<TemplateSummary>>
{
    public async ValueTask<IReadOnlyList<TemplateSummary>> Handle(GetTemplates query, CancellationToken ct)
    {
        var all = await db.ReviewTemplates.AsNoTracking().Include(t => t.Questions).ToListAsync(ct);
        var used = await db.ReviewRounds.Select(r => r.TemplateId).Distinct().ToListAsync(ct);
        return all.GroupBy(t => t.FamilyKey).Select(g => g.OrderByDescending(t => t.Version).First())
            .OrderByDescending(t => t.IsDefault).ThenBy(t => t.Name)
            .Select(t => new TemplateSummary(t.Id, t.FamilyKey, t.Name, t.Version, t.IsDefault, used.Contains(t.Id), t.Questions.OrderBy(q => q.Order).Select(QuestionView.Of).ToList(), TemplateRules.MayChange(user, t)))
            .ToList();
    }
}
