namespace LedelsesInfo.Application.Features.ManagementReview;

/// <summary>Swaps a drawn case for another, with the reason kept beside the swapped one.</summary>
public sealed record SwapCase(long ReviewCaseId, string Reason) : ICommand<DrawnCase>;

public sealed class SwapCaseValidator : AbstractValidator<SwapCase>
{
    public SwapCaseValidator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Skriv hvorfor sagen byttes ud.").MaximumLength(400).WithMessage("Begrundelsen må højst være 400 tegn.");
}

public sealed class SwapCaseHandler(IAppDbContext db, ICurrentUser user, IClock clock) : ICommandHandler<SwapCase, DrawnCase>
{
    public async ValueTask<DrawnCase> Handle(SwapCase command, CancellationToken ct)
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
            ActivityKind = replacement.ActivityKind is { } k ? Code<ActivityKind>.Of(k) : null, Reason = $"Erstatter {reviewCase.CaseId}: {replacement.Reason}" };
        db.ReviewCases.Add(added);
        await db.SaveChangesAsync(ct);
        return DrawnCase.Of(added);
    }
}
