namespace LedelsesInfo.Application.Features.ManagementReview;

// The result records the review's messages answer with: the entities' fields a page shows, never the tracked entities.

public sealed record QuestionView(long Id, int Order, string Text, string? FocusArea, string? KpiCode, bool Local)
{
    public static QuestionView Of(ReviewQuestion q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return new(q.Id, q.Order, q.Text, q.FocusArea, q.KpiCode, q.Local);
    }
}

public sealed record AnswerView(long Id, long ReviewCaseId, long QuestionId, AnswerStage Stage, ReviewAnswerValue Value, string? Comment, string AnsweredBy, DateTime AnsweredAt)
{
    public static AnswerView Of(ReviewAnswer a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.ReviewCaseId, a.QuestionId, a.Stage, a.Value, a.Comment, a.AnsweredBy, a.AnsweredAt);
    }
}

/// <summary>A case drawn for a round, with the reason it was drawn (and swapped, if it was).</summary>
public sealed record DrawnCase(long Id, long RoundId, string CaseId, string CaseworkerId, string? ActivityKind, string Reason, bool Swapped, string? SwapReason)
{
    public static DrawnCase Of(ReviewCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.RoundId, c.CaseId, c.CaseworkerId, c.ActivityKind, c.Reason, c.Swapped, c.SwapReason);
    }
}

public sealed record RoundInfo(long Id, string TeamId, int Year, int Quarter, long TemplateId, string? FocusArea, ReviewMode Mode, int SampleSize, int Seed,
    RoundStatus Status, DateTime? SignedOffAt, string? SignedOffBy, string? LearningPoints, string? ReflectionQuestions)
{
    public static RoundInfo Of(ReviewRound r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.TeamId, r.Year, r.Quarter, r.TemplateId, r.FocusArea, r.Mode, r.SampleSize, r.Seed, r.Status, r.SignedOffAt, r.SignedOffBy, r.LearningPoints, r.ReflectionQuestions);
    }
}

public sealed record TemplateRef(long Id, string Name, int Version);

public sealed record RoundActionPlan(long Id, long QuestionId, string What, string Who, DateOnly ByWhen);
