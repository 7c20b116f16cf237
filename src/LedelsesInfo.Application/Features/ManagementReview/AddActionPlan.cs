namespace LedelsesInfo.Application.Features.ManagementReview;

/// <summary>An action for a shortfall: what, who, by when. Allowed after sign-off: it is the follow-up.</summary>
public sealed record AddActionPlan(long RoundId, long QuestionId, string What, string Who, DateOnly? ByWhen) : ICommand<long>;

public sealed class AddActionPlanValidator : AbstractValidator<AddActionPlan>
{
    public AddActionPlanValidator()
    {
        RuleFor(c => c.What).NotEmpty().WithMessage("Skriv hvad der skal gøres.");
        RuleFor(c => c.Who).NotEmpty().WithMessage("Skriv hvem der har ansvaret.");
        RuleFor(c => c.ByWhen).NotNull().WithMessage("Angiv en dato for, hvornår handlingen skal være gennemført.");
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
        var item = new ActionPlanItem { RoundId = round.Id, QuestionId = command.QuestionId, What = command.What.Trim(), Who = command.Who.Trim(), ByWhen = command.ByWhen!.Value };
        db.ActionPlans.Add(item);
        await db.SaveChangesAsync(ct);
        return item.Id;
    }
}
