using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Catalogue;
using LedelsesInfo.Application.Features.ManagementReview;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.DemoData;

/// <summary>
/// Management supervision for the demo (last year and this year so far), run through the same handlers a team leader uses: every team plans the
/// year, draws its cases, answers and signs off. Questions the data can answer (BFU, plan, follow-up) are answered from the
/// case's own deadlines, the rest at random with a seed, so the demo's results look like a real municipality's.
/// </summary>
public sealed class DemoReviews(LedelsesInfoDbContext db, IClock clock)
{
    private sealed record DemoUser(Audience Audience, string UserName, string? EmployeeId, string? UnitId) : ICurrentUser;

    /// <summary>What the teams plan for the undersøgelser that run late: each team its own plan, as teams do.</summary>
    private static readonly (string What, string Who)[] Plans =
    [
        ("Gennemgå alle åbne undersøgelser på teammødet hver anden uge", "Teamlederen"),
        ("Fast plan for undersøgelsens forløb med datoer for samtaler og udtalelser ved sagens start", "Sagsbehandlerne"),
        ("Ugentlig liste over undersøgelser, der nærmer sig 3 måneder, med aftale om næste skridt", "Teamlederen og teamkoordinatoren"),
        ("Sparring med faglig koordinator, når en udtalelse fra skole eller sundhedspleje er mere end 3 uger forsinket", "Faglig koordinator"),
    ];

    /// <summary>
    /// Last year's four rounds done and signed off, and this year's up to the as-of date: the quarters that have ended
    /// signed off, the running quarter's round drawn and half answered, the quarters to come planned. Returns the rounds
    /// signed off.
    /// </summary>
    public async Task<int> RunAsync(DateOnly asOf, int seed, CancellationToken ct = default)
    {
        var random = new Random(seed);
        var leaders = await db.Employees.AsNoTracking().Where(e => e.Role == EmployeeRole.TeamLeader).OrderBy(e => e.UnitId).ToListAsync(ct);
        var rounds = 0;
        foreach (var leader in leaders)
        {
            var user = new DemoUser(Audience.TeamLeader, leader.Login ?? leader.Id, leader.Id, leader.UnitId);
            foreach (var year in new[] { asOf.Year - 1, asOf.Year })
            {
                var mode = (ReviewMode)random.Next(3);
                var ids = await new PlanYearHandler(db, user, clock).Handle(new PlanYear(year, 5, mode), ct);
                for (var q = 0; q < ids.Count; q++)
                {
                    var quarter = Periods.Of(PeriodKind.Quarter, new DateOnly(year, (q * 3) + 1, 1));
                    if (quarter.Start > asOf)
                    {
                        break; // planned, not begun
                    }
                    var ended = quarter.End <= asOf;
                    await ReviewAsync(user, leader.UnitId, ids[q], mode, asOf, ended ? 1.0 : 0.5, random, ct);
                    if (ended)
                    {
                        await new SignOffRoundHandler(db, user, clock).Handle(new SignOffRound(ids[q],
                            "Husk at indhente barnets synspunkter før afgørelsen, og skriv kadencen for næste opfølgning.",
                            "Hvad gør vi, når en undersøgelse ser ud til at trække ud over 4 måneder?"), ct);
                        rounds++;
                    }
                }
                if (year < asOf.Year)
                {
                    // An action plan on the BFU question, the shortfall the national figures point to first.
                    var bfuQuestion = await db.ReviewQuestions.AsNoTracking().Where(q => q.TemplateId == db.ReviewRounds.Where(r => r.Id == ids[0]).Select(r => r.TemplateId).Single())
                        .OrderBy(q => q.Order).FirstAsync(ct);
                    var (what, who) = Plans[leaders.IndexOf(leader) % Plans.Length];
                    await new AddActionPlanHandler(db, user, clock).Handle(new AddActionPlan(ids[^1], bfuQuestion.Id, what, who, clock.Today.AddMonths(3)), ct);
                }
            }
        }
        return rounds;
    }

    /// <summary>Draws a round's cases and answers the given share of them, as the round's mode has it.</summary>
    private async Task ReviewAsync(DemoUser user, string teamId, long roundId, ReviewMode mode, DateOnly asOf, double share, Random random, CancellationToken ct)
    {
        var cases = await new DrawSampleHandler(db, user, clock).Handle(new DrawSample(roundId), ct);
        var round = await db.ReviewRounds.AsNoTracking().SingleAsync(r => r.Id == roundId, ct);
        var questions = await db.ReviewQuestions.AsNoTracking().Where(q => q.TemplateId == round.TemplateId).OrderBy(q => q.Order).ToListAsync(ct);
        foreach (var reviewCase in cases.Take((int)Math.Ceiling(cases.Count * share)))
        {
            var deadlines = await db.Deadlines.AsNoTracking().Where(d => d.AsOf == asOf && d.CaseId == reviewCase.CaseId && d.Due <= asOf).ToListAsync(ct);
            foreach (var question in questions)
            {
                var value = FromData(question.KpiCode, deadlines) ?? Random(random);
                if (mode == ReviewMode.SelfReviewFirst)
                {
                    // The caseworker answers first, through the same handler; leaders agree most of the time.
                    var caseworker = new DemoUser(Audience.Caseworker, $"{reviewCase.CaseworkerId}@demo", reviewCase.CaseworkerId, teamId);
                    await new AnswerQuestionHandler(db, caseworker, clock).Handle(
                        new AnswerQuestion(reviewCase.Id, question.Id, random.NextDouble() < 0.85 ? value : Random(random), null), ct);
                }
                await new AnswerQuestionHandler(db, user, clock).Handle(new AnswerQuestion(reviewCase.Id, question.Id, value, null), ct);
            }
        }
    }

    private static ReviewAnswerValue? FromData(string? kpi, List<DeadlineInstance> deadlines)
    {
        var kind = KpiCatalogue.DeadlineCountedBy(kpi);
        if (kind is null)
        {
            return null;
        }
        var relevant = deadlines.Where(d => d.Kind == kind).ToList();
        return relevant.Count == 0 ? ReviewAnswerValue.NotRelevant
            : relevant.All(d => d.DoneOn <= d.Due) ? ReviewAnswerValue.Yes
            : relevant.Any(d => d.DoneOn <= d.Due) ? ReviewAnswerValue.Partly
            : ReviewAnswerValue.No;
    }

    private static ReviewAnswerValue Random(Random random) => random.NextDouble() switch
    {
        < 0.68 => ReviewAnswerValue.Yes,
        < 0.84 => ReviewAnswerValue.Partly,
        < 0.97 => ReviewAnswerValue.No,
        _ => ReviewAnswerValue.NotRelevant,
    };
}
