using LedelsesInfo.Domain;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <summary>The key figures of shared/kpis.md as catalogue rows, and which audiences get them by default.</summary>
public static class KpiCatalogue
{
    public static readonly IReadOnlyList<KpiDefinition> Definitions =
    [
        Def("U1", "Antal underretninger", "antal", "—", "Underretninger modtaget i perioden.", "Barnets Lov §§ 133-137", "notifications"),
        Def("U2", "Underretninger vurderet inden for 24 timer", "%", "høj", "Andel af underretningerne, der er vurderet senest 24 timer efter modtagelsen.", "Barnets Lov §§ 136-137", "notifications"),
        Def("U3", "Kvittering til fagpersoner inden for 6 hverdage", "%", "høj", "Andel af underretninger fra fagpersoner, hvor kvitteringen er sendt senest 6. hverdag efter modtagelsen.", "Barnets Lov kap. 16", "notifications"),
        Def("B1", "Børnefaglige undersøgelser inden for 4 måneder", "%", "høj", "Andel af børnefaglige undersøgelser afsluttet senest 4 måneder efter, at kommunen blev opmærksom på behovet.", "Barnets Lov § 20, stk. 3", "examinations"),
        Def("P1", "Barnets plan inden for 3 måneder ved anbringelse", "%", "høj", "Andel af anbringelser, hvor barnets plan er udarbejdet senest 3 måneder efter afgørelsen.", "Barnets Lov § 91", "activities, activity_events"),
        Def("F1", "Rettidige opfølgninger", "%", "høj", "Andel af opfølgningsfrister, der er overholdt: første opfølgning senest 3 måneder efter indsatsens start, derefter med den kadence, sagsbehandleren fastsætter.", "Barnets Lov § 95", "activities, activity_events"),
        Def("T1", "Rettidige tilsynsbesøg ved anbringelse", "%", "høj", "Andel af tilsynsfrister ved anbringelse, der er overholdt (mindst to tilsynsbesøg om året).", "Barnets Lov § 156, stk. 5", "activities, activity_events"),
        Def("A1", "Anbragte børn pr. 1.000 0-17-årige", "pr. 1.000", "lav", "Børn med en aktiv anbringelse den sidste dag i perioden pr. 1.000 børn 0-17 år.", null, "activities, population"),
        Def("A2", "Andel anbragte i plejefamilie", "%", "høj", "Andel af aktive anbringelser i plejefamilie eller netværksplejefamilie.", null, "activities"),
        Def("S1", "Sager pr. sagsbehandler", "sager pr. årsværk", "20-30", "Åbne sager den sidste dag i perioden pr. årsværk blandt enhedens sagsbehandlere.", null, "cases, hr, employees"),
        Def("O1", "Forbrug i forhold til budget", "%", "nær 100", "Forbrug på funktion 5.28.20-25 i perioden i procent af budgettet for periodens måneder.", null, "payments, budget"),
        Def("O2", "Andel forebyggende udgifter", "%", "høj", "Forbrug på 5.28.21 (forebyggende foranstaltninger) i procent af forbruget på 5.28.20-25.", null, "payments"),
        Def("H1", "Sygefravær pr. årsværk", "dage pr. årsværk", "lav", "Sygedage i periodens måneder pr. årsværk (omregnet til et helt år).", null, "hr"),
        Def("H2", "Overarbejde pr. årsværk", "timer pr. årsværk", "lav", "Overarbejdstimer i periodens måneder pr. årsværk (omregnet til et helt år).", null, "hr"),
        Def("X1", "Produktivitet", "pr. 100 timer", "høj", "Afsluttede børnefaglige undersøgelser og gennemførte opfølgninger pr. 100 arbejdstimer blandt sagsbehandlerne.", null, "examinations, activity_events, hr"),
    ];

    /// <summary>The red thread's defaults: every audience gets every figure, at its own cadence and grain.</summary>
    public static IEnumerable<AudienceSetting> DefaultSettings() =>
        from audience in new[] { Audience.Committee, Audience.Management, Audience.TeamLeader, Audience.Caseworker }
        from kpi in Definitions
        select new AudienceSetting
        {
            Audience = audience,
            KpiCode = kpi.Code,
            Enabled = audience != Audience.Caseworker || kpi.Code is "U2" or "U3" or "B1" or "P1" or "F1" or "T1" or "S1",
            Cadence = audience switch
            {
                Audience.Committee => PeriodKind.Quarter,
                Audience.Management => PeriodKind.Month,
                _ => PeriodKind.Week,
            },
            Grain = audience switch
            {
                Audience.Committee => UnitLevel.Department,
                _ => UnitLevel.Team,
            },
        };

    private static KpiDefinition Def(string code, string name, string unit, string good, string description, string? law, string files) =>
        new() { Code = code, Name = name, Unit = unit, GoodWhen = good, Description = description, LegalBasis = law, SourceFiles = files };
}
