using FluentValidation;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Application.Features.Supervision;

/// <summary>The rules every supervision command shares: who may act on a round, and that a signed-off round is read-only.</summary>
internal static class RoundRules
{
    public const string Page = "Ledelsestilsyn";

    public static async Task<ReviewRound> LeaderRoundAsync(IAppDbContext db, ICurrentUser user, IClock clock, long roundId, CancellationToken ct, bool allowSignedOff = false)
    {
        var round = await db.ReviewRounds.SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null || user.Audience != Audience.TeamLeader || round.TeamId != user.UnitId)
        {
            throw await AccessLog.DenyAsync(db, user, clock, Page, null, $"tilsynsrunde {roundId}", ct);
        }
        if (!allowSignedOff && round.Status == RoundStatus.SignedOff)
        {
            throw new ValidationException("Runden er afsluttet og kan ikke ændres.");
        }
        return round;
    }

    public static async Task<List<ReviewQuestion>> QuestionsAsync(IAppDbContext db, ReviewRound round, CancellationToken ct) =>
        (await db.ReviewQuestions.AsNoTracking().Where(q => q.TemplateId == round.TemplateId).OrderBy(q => q.Order).ToListAsync(ct))
            .Where(q => round.FocusArea is null || q.FocusArea == round.FocusArea).ToList();

    /// <summary>A round's progress: its cases (not swapped out), the leader's answers given, and the answers a sign-off needs.</summary>
    public static async Task<(int Cases, int Answered, int Expected)> ProgressAsync(IAppDbContext db, ReviewRound round, CancellationToken ct)
    {
        var cases = await db.ReviewCases.Where(c => c.RoundId == round.Id && !c.Swapped).Select(c => c.Id).ToListAsync(ct);
        var questions = (await QuestionsAsync(db, round, ct)).Count;
        var answered = await db.ReviewAnswers.CountAsync(a => cases.Contains(a.ReviewCaseId) && a.Stage == AnswerStage.Leader, ct);
        return (cases.Count, answered, cases.Count * questions);
    }

    /// <summary>The cases a team could be reviewed on in a quarter: open at some point in it, with their measure kinds.</summary>
    public static async Task<List<SampleCandidate>> CandidatesAsync(IAppDbContext db, string teamId, int year, int quarter, CancellationToken ct)
    {
        var start = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        var end = start.AddMonths(3).AddDays(-1);
        var cases = await db.Cases.AsNoTracking().Where(c => c.TeamId == teamId && c.OpenedOn <= end && (c.ClosedOn == null || c.ClosedOn >= start))
            .Select(c => new { c.Id, c.CaseworkerId }).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var kinds = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.CaseId) && a.StartOn <= end && (a.EndOn == null || a.EndOn >= start))
            .Select(a => new { a.CaseId, a.Kind }).ToListAsync(ct);
        return cases.Select(c => new SampleCandidate(c.Id, c.CaseworkerId, kinds.Where(k => k.CaseId == c.Id).Select(k => k.Kind).Distinct().Order().ToList())).ToList();
    }
}

/// <summary>The annual wheel (årshjul): one round per quarter for the team, each with its seed, mode and focus area.</summary>
public sealed record PlanYear(int Year, int SampleSize = 5, ReviewMode Mode = ReviewMode.Dialogue, IReadOnlyList<string?>? FocusAreas = null, long? TemplateId = null) : ICommand<IReadOnlyList<long>>;

public sealed class PlanYearValidator : AbstractValidator<PlanYear>
{
    public PlanYearValidator()
    {
        RuleFor(c => c.Year).InclusiveBetween(2000, 2100).WithMessage("Året skal være mellem 2000 og 2100.");
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
        var chosen = command.TemplateId is { } id ? await db.ReviewTemplates.Where(t => t.Id == id).Select(t => t.FamilyKey).SingleOrDefaultAsync(ct) : null;
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

/// <summary>Draws the round's cases (once): every caseworker and measure kind not yet reviewed this year first.</summary>
public sealed record DrawSample(long RoundId) : ICommand<IReadOnlyList<ReviewCase>>;

public sealed class DrawSampleHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<DrawSample, IReadOnlyList<ReviewCase>>
{
    public async ValueTask<IReadOnlyList<ReviewCase>> Handle(DrawSample command, CancellationToken ct)
    {
        var round = await RoundRules.LeaderRoundAsync(db, user, clock, command.RoundId, ct);
        var drawn = await db.ReviewCases.Where(c => c.RoundId == round.Id).ToListAsync(ct);
        if (drawn.Count > 0)
        {
            return drawn;
        }
        var sample = await SampleAsync(db, round, round.SampleSize, [], ct);
        var cases = sample.Select(s => new ReviewCase { RoundId = round.Id, CaseId = s.CaseId, CaseworkerId = s.CaseworkerId, MeasureKind = s.MeasureKind is { } k ? Code<ActivityKind>.Of(k) : null, Reason = s.Reason }).ToList();
        db.ReviewCases.AddRange(cases);
        round.Status = RoundStatus.InProgress;
        await db.SaveChangesAsync(ct);
        return cases;
    }

    /// <summary>Draws with this year's earlier rounds (and the round's own remaining cases) counted as covered.</summary>
    internal static async Task<IReadOnlyList<SampledCase>> SampleAsync(IAppDbContext db, ReviewRound round, int size, IReadOnlyCollection<string> alsoExclude, CancellationToken ct)
    {
        var reviewed = await (from c in db.ReviewCases
                              join r in db.ReviewRounds on c.RoundId equals r.Id
                              where r.TeamId == round.TeamId && r.Year == round.Year && !c.Swapped
                              select new { c.CaseId, c.CaseworkerId, c.MeasureKind }).ToListAsync(ct);
        var candidates = await RoundRules.CandidatesAsync(db, round.TeamId, round.Year, round.Quarter, ct);
        var coveredKinds = candidates.Where(c => reviewed.Any(x => x.CaseId == c.CaseId)).SelectMany(c => c.MeasureKinds).ToHashSet();
        var names = await db.Employees.AsNoTracking().Where(e => e.UnitId == round.TeamId).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return ReviewSampling.Draw(candidates, size, round.Seed, reviewed.Select(x => x.CaseworkerId).ToHashSet(), coveredKinds,
            reviewed.Select(x => x.CaseId).Concat(alsoExclude).ToHashSet(), id => names.GetValueOrDefault(id, id));
    }
}

/// <summary>Swaps a drawn case for another, with the reason kept beside the swapped one.</summary>
public sealed record SwapCase(long ReviewCaseId, string Reason) : ICommand<ReviewCase>;

public sealed class SwapCaseValidator : AbstractValidator<SwapCase>
{
    public SwapCaseValidator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Skriv hvorfor sagen byttes ud.").MaximumLength(400).WithMessage("Begrundelsen må højst være 400 tegn.");
}

public sealed class SwapCaseHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<SwapCase, ReviewCase>
{
    public async ValueTask<ReviewCase> Handle(SwapCase command, CancellationToken ct)
    {
        var reviewCase = await db.ReviewCases.SingleOrDefaultAsync(c => c.Id == command.ReviewCaseId, ct)
            ?? throw new ValidationException("Sagen findes ikke i runden.");
        var round = await RoundRules.LeaderRoundAsync(db, user, clock, reviewCase.RoundId, ct);
        if (await db.ReviewAnswers.AnyAsync(a => a.ReviewCaseId == reviewCase.Id, ct))
        {
            throw new ValidationException("Sagen er begyndt at blive gennemgået og kan ikke byttes ud.");
        }
        reviewCase.Swapped = true;
        reviewCase.SwapReason = command.Reason.Trim();
        await db.SaveChangesAsync(ct);
        var inRound = await db.ReviewCases.Where(c => c.RoundId == round.Id).Select(c => c.CaseId).ToListAsync(ct);
        var drawn = await DrawSampleHandler.SampleAsync(db, round, 1, inRound, ct);
        var replacement = drawn.Count > 0 ? drawn[0] : throw new ValidationException("Der er ingen andre sager at trække i teamet dette kvartal.");
        var added = new ReviewCase { RoundId = round.Id, CaseId = replacement.CaseId, CaseworkerId = replacement.CaseworkerId,
            MeasureKind = replacement.MeasureKind is { } k ? Code<ActivityKind>.Of(k) : null, Reason = $"Erstatter {reviewCase.CaseId}: {replacement.Reason}" };
        db.ReviewCases.Add(added);
        await db.SaveChangesAsync(ct);
        return added;
    }
}

/// <summary>Saves one answer as it is given: the caseworker's own in a self-review round, else the leader's.</summary>
public sealed record AnswerQuestion(long ReviewCaseId, long QuestionId, ReviewAnswerValue Value, string? Comment) : ICommand<ReviewAnswer>;

public sealed class AnswerQuestionHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<AnswerQuestion, ReviewAnswer>
{
    public async ValueTask<ReviewAnswer> Handle(AnswerQuestion command, CancellationToken ct)
    {
        var reviewCase = await db.ReviewCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.ReviewCaseId && !c.Swapped, ct);
        var round = reviewCase is null ? null : await db.ReviewRounds.AsNoTracking().SingleAsync(r => r.Id == reviewCase.RoundId, ct);
        var stage = round is null ? (AnswerStage?)null : user.Audience switch
        {
            Audience.TeamLeader when round.TeamId == user.UnitId => AnswerStage.Leader,
            Audience.Caseworker when round.Mode == ReviewMode.SelfReviewFirst && reviewCase!.CaseworkerId == user.EmployeeId => AnswerStage.Caseworker,
            _ => null,
        };
        if (stage is null)
        {
            throw await AccessLog.DenyAsync(db, user, clock, RoundRules.Page, reviewCase?.CaseId, "at svare i denne gennemgang", ct);
        }
        if (round!.Status == RoundStatus.SignedOff)
        {
            throw new ValidationException("Runden er afsluttet, og svarene kan ikke ændres.");
        }
        if (!(await RoundRules.QuestionsAsync(db, round, ct)).Any(q => q.Id == command.QuestionId))
        {
            throw new ValidationException("Spørgsmålet hører ikke til rundens skabelon.");
        }
        if (stage == AnswerStage.Leader && round.Mode == ReviewMode.SelfReviewFirst
            && !await db.ReviewAnswers.AnyAsync(a => a.ReviewCaseId == command.ReviewCaseId && a.QuestionId == command.QuestionId && a.Stage == AnswerStage.Caseworker, ct))
        {
            throw new ValidationException("Ved selvevaluering svarer sagsbehandleren først.");
        }
        var answer = await db.ReviewAnswers.SingleOrDefaultAsync(a => a.ReviewCaseId == command.ReviewCaseId && a.QuestionId == command.QuestionId && a.Stage == stage, ct);
        if (answer is null)
        {
            answer = new ReviewAnswer { ReviewCaseId = command.ReviewCaseId, QuestionId = command.QuestionId, Stage = stage.Value, AnsweredBy = user.UserName };
            db.ReviewAnswers.Add(answer);
        }
        answer.Value = command.Value;
        answer.Comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
        answer.AnsweredBy = user.UserName;
        answer.AnsweredAt = clock.Now;
        await db.SaveChangesAsync(ct);
        await AccessLog.WriteAsync(db, user, clock, RoundRules.Page, "besvaret", [reviewCase!.CaseId], ct);
        return answer;
    }
}

/// <summary>Signs a round off once every question of every case has the leader's answer; it is read-only after.</summary>
public sealed record SignOffRound(long RoundId, string? LearningPoints, string? ReflectionQuestions) : ICommand<bool>;

public sealed class SignOffRoundHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<SignOffRound, bool>
{
    public async ValueTask<bool> Handle(SignOffRound command, CancellationToken ct)
    {
        var round = await RoundRules.LeaderRoundAsync(db, user, clock, command.RoundId, ct);
        var (cases, answered, expected) = await RoundRules.ProgressAsync(db, round, ct);
        if (cases == 0 || answered < expected)
        {
            throw new ValidationException(cases == 0 ? "Runden har ingen sager endnu." : $"{expected - answered} af {expected} svar mangler, før runden kan afsluttes.");
        }
        round.Status = RoundStatus.SignedOff;
        round.SignedOffAt = clock.Now;
        round.SignedOffBy = user.UserName;
        round.LearningPoints = command.LearningPoints?.Trim();
        round.ReflectionQuestions = command.ReflectionQuestions?.Trim();
        await db.SaveChangesAsync(ct);
        return true;
    }
}

/// <summary>An action for a shortfall: what, who, by when. Allowed after sign-off: it is the follow-up.</summary>
public sealed record AddActionPlan(long RoundId, long QuestionId, string What, string Who, DateOnly ByWhen) : ICommand<long>;

public sealed class AddActionPlanValidator : AbstractValidator<AddActionPlan>
{
    public AddActionPlanValidator()
    {
        RuleFor(c => c.What).NotEmpty().WithMessage("Skriv hvad der skal gøres.");
        RuleFor(c => c.Who).NotEmpty().WithMessage("Skriv hvem der har ansvaret.");
    }
}

public sealed class AddActionPlanHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<AddActionPlan, long>
{
    public async ValueTask<long> Handle(AddActionPlan command, CancellationToken ct)
    {
        var round = await RoundRules.LeaderRoundAsync(db, user, clock, command.RoundId, ct, allowSignedOff: true);
        if (command.ByWhen < clock.Today)
        {
            throw new ValidationException("Fristen for handlingen ligger i fortiden.");
        }
        var item = new ActionPlanItem { RoundId = round.Id, QuestionId = command.QuestionId, What = command.What.Trim(), Who = command.Who.Trim(), ByWhen = command.ByWhen };
        db.ActionPlans.Add(item);
        await db.SaveChangesAsync(ct);
        return item.Id;
    }
}
