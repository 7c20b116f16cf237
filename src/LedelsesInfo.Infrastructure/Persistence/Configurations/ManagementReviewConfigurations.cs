using LedelsesInfo.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LedelsesInfo.Infrastructure.Persistence.Configurations;

internal sealed class ReviewTemplateConfiguration : IEntityTypeConfiguration<ReviewTemplate>
{
    public void Configure(EntityTypeBuilder<ReviewTemplate> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("review_templates");
        e.HasIndex(x => new { x.FamilyKey, x.Version }).IsUnique();
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.HasMany(x => x.Questions).WithOne().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewQuestionConfiguration : IEntityTypeConfiguration<ReviewQuestion>
{
    public void Configure(EntityTypeBuilder<ReviewQuestion> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("review_questions");
        e.Property(x => x.Text).HasMaxLength(1000);
        e.Property(x => x.FocusArea).HasMaxLength(100);
        e.Property(x => x.KpiCode).HasMaxLength(10);
    }
}

internal sealed class ReviewRoundConfiguration : IEntityTypeConfiguration<ReviewRound>
{
    public void Configure(EntityTypeBuilder<ReviewRound> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("review_rounds");
        e.HasIndex(x => new { x.TeamId, x.Year, x.Quarter });
        e.Property(x => x.FocusArea).HasMaxLength(100);
        e.Property(x => x.SignedOffBy).HasMaxLength(256);
        e.Property(x => x.LearningPoints).HasMaxLength(4000);
        e.Property(x => x.ReflectionQuestions).HasMaxLength(4000);
    }
}

internal sealed class ReviewCaseConfiguration : IEntityTypeConfiguration<ReviewCase>
{
    public void Configure(EntityTypeBuilder<ReviewCase> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("review_cases");
        e.HasIndex(x => new { x.RoundId, x.CaseId });
        // The column keeps its first name; in code the word is activity (indsats), as everywhere.
        e.Property(x => x.ActivityKind).HasColumnName("MeasureKind").HasMaxLength(30);
        e.Property(x => x.Reason).HasMaxLength(400);
        e.Property(x => x.SwapReason).HasMaxLength(400);
    }
}

internal sealed class ReviewAnswerConfiguration : IEntityTypeConfiguration<ReviewAnswer>
{
    public void Configure(EntityTypeBuilder<ReviewAnswer> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("review_answers");
        e.HasIndex(x => new { x.ReviewCaseId, x.QuestionId, x.Stage }).IsUnique();
        e.Property(x => x.Comment).HasMaxLength(2000);
        e.Property(x => x.AnsweredBy).HasMaxLength(256);
    }
}

internal sealed class ActionPlanItemConfiguration : IEntityTypeConfiguration<ActionPlanItem>
{
    public void Configure(EntityTypeBuilder<ActionPlanItem> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.ToTable("action_plans");
        e.HasIndex(x => x.RoundId);
        e.Property(x => x.What).HasMaxLength(1000);
        e.Property(x => x.Who).HasMaxLength(200);
    }
}
