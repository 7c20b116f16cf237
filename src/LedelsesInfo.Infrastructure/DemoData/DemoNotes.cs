using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Notes;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.DemoData;

/// <summary>
/// A year of leaders' notes on the figures for the demo, written through the same handler a leader's form uses: each
/// director on the own department's month where a statutory figure is furthest from its target, each team leader on the
/// team's weeks and months, and the administration's comments to the committee on the municipality's quarters.
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

    public async Task<int> RunAsync(DateOnly asOf, int seed, CancellationToken ct = default)
    {
        var random = new Random(seed + 16);
        var written = 0;
        var statutory = KpiCatalogue.All.Where(k => k.RollingWindows).ToList();
        async Task WriteAsync(DemoUser user, Kpi kpi, string unit, string period, bool forCommittee)
        {
            var bank = kpi.Area == KpiArea.Economy ? Economy : Deadlines;
            var (interpretation, explanation, source, scope) = bank[random.Next(bank.Length)];
            await new SaveFigureNoteHandler(db, user, clock).Handle(new SaveFigureNote(null, kpi.Code, unit, period, interpretation, forCommittee,
                [new ExplanationInput(explanation, Code<ExplanationSource>.Of(source), Code<ExplanationScope>.Of(scope))]), ct);
            written++;
        }

        var months = Enumerable.Range(0, 12).Select(m => Periods.Of(PeriodKind.Month, asOf.AddMonths(-m))).ToList();
        foreach (var director in await db.Employees.AsNoTracking().Where(e => e.Role == EmployeeRole.Director || e.Role == EmployeeRole.Leader).OrderBy(e => e.Id).ToListAsync(ct))
        {
            var user = new DemoUser(Audience.Management, director.Login ?? director.Id, director.Id, director.UnitId);
            foreach (var month in months.Where((_, i) => i % 2 == 0))
            {
                await WriteAsync(user, statutory[random.Next(statutory.Count)], director.UnitId, month.Key, false);
            }
        }
        foreach (var leader in await db.Employees.AsNoTracking().Where(e => e.Role == EmployeeRole.TeamLeader).OrderBy(e => e.Id).ToListAsync(ct))
        {
            var user = new DemoUser(Audience.TeamLeader, leader.Login ?? leader.Id, leader.Id, leader.UnitId);
            foreach (var weeksBack in new[] { 0, 2, 5 })
            {
                await WriteAsync(user, statutory[random.Next(statutory.Count)], leader.UnitId, Periods.Of(PeriodKind.Week, asOf.AddDays(-7 * weeksBack)).Key, false);
            }
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
}
