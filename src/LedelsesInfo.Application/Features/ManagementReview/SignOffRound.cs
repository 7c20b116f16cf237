namespace LedelsesInfo.Application.Features.ManagementReview;

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
