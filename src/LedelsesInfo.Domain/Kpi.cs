namespace LedelsesInfo.Domain;

/// <summary>Which side of a target is good.</summary>
public enum KpiDirection
{
    /// <summary>A count with no good or bad side (U1).</summary>
    None,
    High,
    Low,
    /// <summary>Good inside a band (S1: 20-30 cases per caseworker).</summary>
    Band,
    /// <summary>Good at or under the target (O1: spending within budget).</summary>
    AtMost,
}

/// <summary>A key figure of shared/kpis.md: how its value is formed and read. One definition for every audience and grain.</summary>
public sealed record Kpi(
    string Code,
    string Name,
    string Unit,
    KpiDirection Direction,
    decimal Multiplier,
    string Description,
    string Rule,
    string? LegalBasis,
    string SourceFiles,
    bool FromMonthlyData = false,
    decimal? BandLow = null,
    decimal? BandHigh = null,
    bool NumeratorCounts = true,
    bool DenominatorCounts = true)
{
    /// <summary>
    /// The cell small-number suppression judges: only the parts that count individuals (notifications, deadlines,
    /// children, cases, completed tasks). Money, FTE, hours and population are not counts of people and are never "&lt;5".
    /// </summary>
    public SuppressionCell Cell(string key, decimal numerator, decimal? denominator) =>
        new(key, NumeratorCounts ? numerator : null, DenominatorCounts ? denominator : null);

    public bool IsPercent => Multiplier == 100m;

    /// <summary>numerator ÷ denominator (× 100 for a share); a count is its numerator; no value when the denominator is 0.</summary>
    public decimal? Value(decimal numerator, decimal? denominator) =>
        denominator is null ? numerator : denominator == 0 ? null : numerator / denominator.Value * Multiplier;

    public string GoodWhen => Direction switch
    {
        KpiDirection.High => "høj",
        KpiDirection.Low => "lav",
        KpiDirection.Band => $"{BandLow:0}-{BandHigh:0}",
        KpiDirection.AtMost => "nær 100, højst målet",
        _ => "—",
    };
}

/// <summary>The catalogue (nøgletalskatalog): every key figure with its exact rule, in catalogue order.</summary>
public static class KpiCatalogue
{
    public static readonly IReadOnlyList<Kpi> All =
    [
        new("U1", "Antal underretninger", "antal", KpiDirection.None, 1,
            "Hvor mange underretninger kommunen har modtaget.",
            "Underretninger med modtagelsestidspunkt i perioden.", "Barnets Lov §§ 133-137", "notifications"),
        new("U2", "Underretninger vurderet inden for 24 timer", "%", KpiDirection.High, 100,
            "Hvor ofte en underretning bliver vurderet inden for et døgn, så et barn i akut fare får hjælp.",
            "Af underretningerne modtaget i perioden, hvis 24-timersfrist er udløbet senest på opgørelsesdagen eller som er vurderet: andelen vurderet senest 24 timer efter modtagelsen.",
            "Barnets Lov §§ 136-137", "notifications"),
        new("U3", "Kvittering til fagpersoner inden for 6 hverdage", "%", KpiDirection.High, 100,
            "Hvor ofte en fagperson, der har underrettet, får kvittering til tiden.",
            "Af underretninger fra fagpersoner modtaget i perioden, hvis frist er udløbet senest på opgørelsesdagen eller som har fået kvittering: andelen med kvittering senest 6. hverdag efter modtagelsesdagen (weekender og helligdage tæller ikke).",
            "Barnets Lov kap. 16", "notifications"),
        new("B1", "Børnefaglige undersøgelser inden for 4 måneder", "%", KpiDirection.High, 100,
            "Hvor ofte den børnefaglige undersøgelse er færdig inden for lovens 4 måneder.",
            "Af børnefaglige undersøgelser, hvis frist (datoen kommunen blev opmærksom på behovet + 4 kalendermåneder) falder i perioden og senest på opgørelsesdagen: andelen afsluttet senest på fristen.",
            "Barnets Lov § 20, stk. 3", "examinations"),
        new("P1", "Barnets plan inden for 3 måneder ved anbringelse", "%", KpiDirection.High, 100,
            "Hvor ofte et anbragt barn har sin plan inden for 3 måneder.",
            "Af anbringelser, hvis frist (afgørelsesdato + 3 måneder) falder i perioden og senest på opgørelsesdagen: andelen med en plan senest på fristen.",
            "Barnets Lov § 91", "activities, activity_events"),
        new("F1", "Rettidige opfølgninger", "%", KpiDirection.High, 100,
            "Hvor ofte der bliver fulgt op på en indsats til tiden.",
            "Første frist er 3 måneder efter indsatsens start; hver opfølgning sætter den næste frist med den kadence, sagsbehandleren fastsætter. Af fristerne i perioden, senest på opgørelsesdagen: andelen overholdt. En opfølgning uden kadence afslutter kæden og sætter indsatsen på datakvalitetslisten.",
            "Barnets Lov § 95", "activities, activity_events"),
        new("T1", "Rettidige tilsynsbesøg ved anbringelse", "%", KpiDirection.High, 100,
            "Hvor ofte et anbragt barn får tilsynsbesøg til tiden (mindst to om året).",
            "Første frist er 6 måneder efter anbringelsens start, derefter 6 måneder efter hvert besøg. Af fristerne i perioden, senest på opgørelsesdagen: andelen overholdt.",
            "Barnets Lov § 156, stk. 5", "activities, activity_events"),
        new("A1", "Anbragte børn pr. 1.000 0-17-årige", "pr. 1.000", KpiDirection.Low, 1,
            "Hvor mange børn der er anbragt i forhold til antallet af børn.",
            "Børn med en aktiv anbringelse på periodens sidste dag pr. 1.000 0-17-årige i enheden det år (enheder uden eget befolkningstal får ingen værdi).",
            null, "activities, cases, population", DenominatorCounts: false),
        new("A2", "Andel anbragte i plejefamilie", "%", KpiDirection.High, 100,
            "Hvor stor en del af anbringelserne der er i plejefamilie eller netværksplejefamilie.",
            "Af anbringelserne aktive på periodens sidste dag: andelen i plejefamilie eller netværksplejefamilie.",
            null, "activities"),
        new("S1", "Sager pr. sagsbehandler", "sager pr. årsværk", KpiDirection.Band, 1,
            "Sagstallet: anbefalingen er 20-30 børn pr. sagsbehandler.",
            "Åbne sager på periodens sidste dag pr. årsværk blandt enhedens sagsbehandlere i måneden med periodens sidste dag.",
            null, "cases, employees, hr", BandLow: 20, BandHigh: 30, DenominatorCounts: false),
        new("O1", "Forbrug i forhold til budget", "%", KpiDirection.AtMost, 100,
            "Hvor meget af budgettet der er brugt.",
            "Forbrug bogført i perioden på funktion 5.28.20-25 i procent af budgettet for periodens måneder (de måneder, der er begyndt på opgørelsesdagen), samme funktioner.",
            null, "payments, budget", FromMonthlyData: true, NumeratorCounts: false, DenominatorCounts: false),
        new("O2", "Andel forebyggende udgifter", "%", KpiDirection.High, 100,
            "Hvor stor en del af udgifterne der går til forebyggelse.",
            "Forbrug i perioden på 5.28.21 (forebyggende foranstaltninger) i procent af forbruget på 5.28.20-25.",
            null, "payments", NumeratorCounts: false, DenominatorCounts: false),
        new("H1", "Sygefravær pr. årsværk", "dage pr. årsværk", KpiDirection.Low, 1,
            "Sygefraværet omregnet til et helt år.",
            "Sygedage i periodens måneder delt med (summen af årsværk over periodens måneder ÷ 12).",
            null, "hr, employees", FromMonthlyData: true, NumeratorCounts: false, DenominatorCounts: false),
        new("H2", "Overarbejde pr. årsværk", "timer pr. årsværk", KpiDirection.Low, 1,
            "Overarbejdet omregnet til et helt år.",
            "Overarbejdstimer i periodens måneder delt med (summen af årsværk over periodens måneder ÷ 12).",
            null, "hr, employees", FromMonthlyData: true, NumeratorCounts: false, DenominatorCounts: false),
        new("X1", "Produktivitet", "pr. 100 timer", KpiDirection.High, 1,
            "Afsluttede undersøgelser og gennemførte opfølgninger i forhold til sagsbehandlernes arbejdstimer.",
            "Børnefaglige undersøgelser afsluttet i perioden plus opfølgninger gennemført i perioden, pr. 100 arbejdstimer blandt enhedens sagsbehandlere i periodens måneder.",
            null, "examinations, activity_events, hr, employees", FromMonthlyData: true, DenominatorCounts: false),
    ];

    private static readonly Dictionary<string, Kpi> ByCode = All.ToDictionary(k => k.Code, StringComparer.OrdinalIgnoreCase);

    public static Kpi Get(string code) => ByCode.TryGetValue(code, out var kpi) ? kpi : throw new KeyNotFoundException($"Ukendt nøgletal '{code}'.");

    public static bool Exists(string code) => ByCode.ContainsKey(code);
}
