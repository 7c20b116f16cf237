namespace LedelsesInfo.Application.Features.ManagementReview;

/// <summary>Saves one answer as it is given: the caseworker's own in a self-review round, else the leader's.</summary>
public sealed record AnswerQuestion(long ReviewCaseId, long QuestionId, ReviewAnswerValue Value, string? Comment) : ICommand<AnswerView>;

public sealed class AnswerQuestionHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<AnswerQuestion, AnswerView>
{
    public async ValueTask<AnswerView> Handle(AnswerQuestion command, CancellationToken ct)
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
        return AnswerView.Of(answer);
    }
}
