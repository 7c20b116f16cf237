using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Actions;
using LedelsesInfo.Application.Features.Notes;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.DemoData;

/// <summary>
/// A year of leaders' notes on the figures for the demo, written through the same handler a leader's form uses: each
/// director on the own department's month where a statutory figure is furthest from its target, each team leader on the
/// team's weeks and months, and the administration's comments to the committee on the municipality's quarters. Actions
/// on some of them through the action form's handler (some done, some overdue, some due this week, one on each team's
/// first caseworker), and expectations: for the coming month and week through the handler, and for the month of the data
/// and the one before as they would have been written before those figures came.
/// </summary>
public sealed class DemoNotes(LedelsesInfoDbContext db, IClock clock)
{
    private sealed record DemoUser(Audience Audience, string UserName, string? EmployeeId, string? UnitId) : ICurrentUser;

    /// <summary>What leaders write about the law's deadlines.</summary>
    private static readonly (string Interpretation, string Explanation, ExplanationSource Source, ExplanationScope Scope)[] Deadlines =
    [
        ("Andelen er faldet to måneder i træk og ligger under målet.", "To erfarne sagsbehandlere har været sygemeldt, og deres sager er fordelt på resten af teamet.", ExplanationSource.Internal, ExplanationScope.Individual),
        ("Tallet svinger, fordi enheden har få sager; de seneste 12 måneder ligger stabilt.", "Få sager i måneden gør, at én forsinket sag flytter andelen mange point.", ExplanationSource.Internal, ExplanationScope.Collective),
        ("Vi er tættere på målet end for et kvartal siden.", "Teamet har indført fast gennemgang af fristerne på teammødet hver uge.", ExplanationSource.Internal, ExplanationScope.Collective),
        ("Flere sager har ventet på udtalelser fra skole og sundhedspleje.", "Udtalelser fra samarbejdspartnere kommer senere end aftalt, især i sommerferien.", ExplanationSource.External, ExplanationScope.Collective),
        ("Fristerne er overholdt bedre efter nyt planlægningsværktøj.", "Sagsbehandlerne planlægger nu opfølgningerne fra sagens start.", ExplanationSource.Internal, ExplanationScope.Collective),
    ];

    /// <summary>What the administration writes about spending against budget.</summary>
    private static readonly (string Interpretation, string Explanation, ExplanationSource Source, ExplanationScope Scope)[] Economy =
    [
        ("Forbruget ligger over budgettet, mest på plejefamilier og opholdssteder.", "Tre nye anbringelser i sommer, hvor det ikke var muligt at finde netværkspleje.", ExplanationSource.External, ExplanationScope.Individual),
        ("Forventet merforbrug er mindsket siden sidste kvartal.", "Flere forebyggende indsatser har erstattet dyrere foranstaltninger.", ExplanationSource.Internal, ExplanationScope.Collective),
    ];

    /// <summary>What leaders decide to do about the law's deadlines.</summary>
    private static readonly string[] Actions =
    [
        "Gennemgå alle sager med frist inden for 14 dage på teammødet hver mandag.",
        "Fordel de sygemeldtes sager efter sagstal, så ingen har over 25 sager.",
        "Aftal faste svarfrister med skoler og sundhedspleje om udtalelser.",
        "Indfør tjekliste for børnefaglige undersøgelser ved sagens start.",
        "Følg op på de ældste overskredne frister sammen med sagsbehandleren.",
    ];

    public async Task<int> RunAsync(DateOnly asOf, int seed, CancellationToken ct = default)
    {
        var random = new Random(seed + 16);
        var written = 0;
        var statutory = KpiCatalogue.All.Where(k => k.RollingWindows).ToList();
        var today = clock.Today;
        async Task<long> WriteAsync(DemoUser user, Kpi kpi, string unit, string period, bool forCommittee)
        {
            var bank = kpi.Area == KpiArea.Economy ? Economy : Deadlines;
            var (interpretation, explanation, source, scope) = bank[random.Next(bank.Length)];
            written++;
            return await new SaveFigureNoteHandler(db, user, clock).Handle(new SaveFigureNote(null, kpi.Code, unit, period, interpretation, forCommittee,
                [new ExplanationInput(explanation, Code<ExplanationSource>.Of(source), Code<ExplanationScope>.Of(scope))]), ct);
        }
        async Task ActAsync(DemoUser user, long note, Kpi kpi, string owner, int dueInDays, bool done, DateOnly targetBy, string? what = null)
        {
            var id = await new AddFigureActionHandler(db, user, clock).Handle(new AddFigureAction(note, what ?? Actions[random.Next(Actions.Length)], owner,
                today.AddDays(dueInDays), kpi.Code, Code<Heading>.Of(Aim(kpi)), kpi.IsPercent ? "90" : null, targetBy), ct);
            if (done)
            {
                await new MarkFigureActionDoneHandler(db, user, clock).Handle(new MarkFigureActionDone(id), ct);
            }
        }
        async Task ExpectAsync(DemoUser user, Kpi kpi, string unit, Period period, bool before)
        {
            var heading = random.Next(3) == 0 ? Heading.Unchanged : Aim(kpi);
            var reason = heading == Heading.Unchanged ? "Sagstallet er det samme som i perioden før, og ingen nye tiltag er sat i gang endnu."
                : "Teamet gennemgår nu fristerne hver uge, og to nye sagsbehandlere er startet.";
            if (before)
            {
                // As it would have been written in the days before the figure came; the form only takes periods whose figure has not come.
                db.FigureExpectations.Add(new FigureExpectation
                {
                    KpiCode = kpi.Code, UnitId = unit, PeriodKind = period.Kind, Period = period.Key, Direction = heading,
                    Value = kpi.IsPercent && random.Next(2) == 0 ? 80 + random.Next(15) : null, Reason = reason,
                    WrittenBy = user.UserName, WrittenByEmployeeId = user.EmployeeId, WrittenAt = period.Start.AddDays(-3).ToDateTime(new TimeOnly(9, 0)),
                });
                await db.SaveChangesAsync(ct);
                return;
            }
            await new SaveFigureExpectationHandler(db, user, clock).Handle(new SaveFigureExpectation(kpi.Code, unit, period.Key, null, Code<Heading>.Of(heading), reason), ct);
        }
        var teamLeaders = await db.Employees.AsNoTracking().Where(e => e.Role == EmployeeRole.TeamLeader && e.RemovedAt == null).ToListAsync(ct);

        var months = Enumerable.Range(0, 12).Select(m => Periods.Of(PeriodKind.Month, asOf.AddMonths(-m))).ToList();
        foreach (var director in await db.Employees.AsNoTracking().Where(e => e.Role == EmployeeRole.Director || e.Role == EmployeeRole.Leader).OrderBy(e => e.Id).ToListAsync(ct))
        {
            var user = new DemoUser(Audience.Management, director.Login ?? director.Id, director.Id, director.UnitId);
            var reader = await NoteAccess.ForAsync(db, user, ct);
            var below = reader.Under(director.UnitId);
            var owners = teamLeaders.Where(t => below.Contains(t.UnitId)).OrderBy(t => t.Id).ToList();
            foreach (var (month, i) in months.Select((m, i) => (m, i)).Where(x => x.i % 2 == 0))
            {
                var kpi = statutory[random.Next(statutory.Count)];
                var note = await WriteAsync(user, kpi, director.UnitId, month.Key, false);
                if (owners.Count > 0 && i is 4 or 8)
                {
                    // One action done long ago, one running late: the list shows both ends of the loop.
                    await ActAsync(user, note, kpi, owners[random.Next(owners.Count)].Id, i == 8 ? -90 : -6, i == 8, month.End.AddMonths(6));
                }
            }
            var next = Periods.Of(PeriodKind.Month, asOf.AddMonths(1));
            await ExpectAsync(user, statutory[0], director.UnitId, next, false);
            foreach (var back in new[] { 0, 1 })
            {
                await ExpectAsync(user, statutory[back], director.UnitId, Periods.Of(PeriodKind.Month, asOf.AddMonths(-back)), true);
            }
        }
        foreach (var leader in await db.Employees.AsNoTracking().Where(e => e.Role == EmployeeRole.TeamLeader).OrderBy(e => e.Id).ToListAsync(ct))
        {
            var user = new DemoUser(Audience.TeamLeader, leader.Login ?? leader.Id, leader.Id, leader.UnitId);
            var caseworker = await db.Employees.AsNoTracking().Where(e => e.UnitId == leader.UnitId && e.Role == EmployeeRole.Caseworker && e.RemovedAt == null)
                .OrderBy(e => e.Id).Select(e => e.Id).FirstOrDefaultAsync(ct);
            foreach (var weeksBack in new[] { 0, 2, 5 })
            {
                var kpi = statutory[random.Next(statutory.Count)];
                var week = Periods.Of(PeriodKind.Week, asOf.AddDays(-7 * weeksBack));
                var note = await WriteAsync(user, kpi, leader.UnitId, week.Key, false);
                if (weeksBack == 5)
                {
                    await ActAsync(user, note, kpi, leader.Id, 3, false, week.End.AddDays(7 * 12));
                }
                else if (weeksBack == 2 && caseworker is not null)
                {
                    await ActAsync(user, note, kpi, caseworker, 5, false, week.End.AddDays(7 * 8), "Læg opfølgningerne i kalenderen, når en indsats begynder, og sig til, hvis en frist ikke kan holdes.");
                }
            }
            await ExpectAsync(user, statutory[random.Next(statutory.Count)], leader.UnitId, Periods.Of(PeriodKind.Week, asOf.AddDays(7)), false);
        }
        var municipality = await db.OrgUnits.AsNoTracking().Where(u => u.Level == UnitLevel.Municipality).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (municipality is not null)
        {
            var administration = new DemoUser(Audience.Administrator, "forvaltningen", null, municipality);
            var quarters = Enumerable.Range(1, 4).Select(q => Periods.Of(PeriodKind.Quarter, Periods.Of(PeriodKind.Quarter, asOf).Start.AddMonths(-3 * q))).ToList();
            foreach (var quarter in quarters)
            {
                await WriteAsync(administration, KpiCatalogue.B1, municipality, quarter.Key, true);
                await WriteAsync(administration, KpiCatalogue.O1, municipality, quarter.Key, true);
            }
        }
        return written;
    }

    /// <summary>Which way an action on the figure aims: towards its good side.</summary>
    private static Heading Aim(Kpi kpi) => kpi.Direction == KpiDirection.High ? Heading.Up : Heading.Down;
}
