namespace LedelsesInfo.Domain;

/// <summary>
/// The catalogue (nøgletalskatalog): every key figure with its exact rule, in catalogue order. This is the only place a
/// figure's code is written; code elsewhere names a figure as <c>KpiCatalogue.B1</c> (a test holds this).
/// </summary>
public static class KpiCatalogue
{
    public static readonly Kpi U1 = new("U1", "Antal underretninger", "antal", KpiDirection.None, 1,
            "Hvor mange underretninger kommunen har modtaget.",
            "Underretninger med modtagelsestidspunkt i perioden.", "Barnets Lov §§ 133-137", "notifications",
            Reading: "Et antal. Fx 275: kommunen modtog 275 underretninger i perioden.", ChangeUnit: "underretninger");
    public static readonly Kpi U2 = new("U2", "Underretninger vurderet inden for 24 timer", "%", KpiDirection.High, 100,
            "Hvor ofte en underretning bliver vurderet inden for et døgn, så et barn i akut fare får hjælp.",
            "Af underretningerne modtaget i perioden, hvis 24-timersfrist er udløbet senest på opgørelsesdagen eller som er vurderet: andelen vurderet senest 24 timer efter modtagelsen.",
            "Barnets Lov §§ 136-137", "notifications", CaseworkerDefault: true,
            Reading: "En andel i procent. Fx 80,0 %: 8 af hver 10 underretninger blev vurderet inden for 24 timer.", RollingWindows: true);
    public static readonly Kpi U3 = new("U3", "Kvittering til fagpersoner inden for 6 hverdage", "%", KpiDirection.High, 100,
            "Hvor ofte en fagperson, der har underrettet, får kvittering til tiden.",
            "Af underretninger fra fagpersoner modtaget i perioden, hvis frist er udløbet senest på opgørelsesdagen eller som har fået kvittering: andelen med kvittering senest 6. hverdag efter modtagelsesdagen (weekender og helligdage tæller ikke).",
            "Barnets Lov kap. 16", "notifications", CaseworkerDefault: true,
            Reading: "En andel i procent. Fx 90,0 %: 9 af hver 10 fagpersoner, der underrettede, fik kvittering inden for 6 hverdage.", RollingWindows: true);
    public static readonly Kpi B1 = new("B1", "Børnefaglige undersøgelser inden for 4 måneder", "%", KpiDirection.High, 100,
            "Hvor ofte den børnefaglige undersøgelse er færdig inden for lovens 4 måneder.",
            "Af børnefaglige undersøgelser, hvis frist (datoen kommunen blev opmærksom på behovet + 4 kalendermåneder) falder i perioden og senest på opgørelsesdagen: andelen afsluttet senest på fristen.",
            "Barnets Lov § 20, stk. 3", "examinations", CountsDeadline: DeadlineKind.Examination, CaseworkerDefault: true,
            Reading: "En andel i procent. Fx 45,0 %: knap halvdelen af de undersøgelser, der skulle være færdige i perioden, blev det inden for 4 måneder.", RollingWindows: true);
    public static readonly Kpi P1 = new("P1", "Barnets plan inden for 3 måneder ved anbringelse", "%", KpiDirection.High, 100,
            "Hvor ofte et anbragt barn har sin plan inden for 3 måneder.",
            "Af anbringelser, hvis frist (afgørelsesdato + 3 måneder) falder i perioden og senest på opgørelsesdagen: andelen med en plan senest på fristen.",
            "Barnets Lov § 91", "activities, activity_events", CountsDeadline: DeadlineKind.ChildPlan, CaseworkerDefault: true,
            Reading: "En andel i procent. Fx 70,0 %: 7 af hver 10 anbragte børn havde deres plan inden for 3 måneder.", RollingWindows: true);
    public static readonly Kpi F1 = new("F1", "Rettidige opfølgninger", "%", KpiDirection.High, 100,
            "Hvor ofte der bliver fulgt op på en indsats til tiden.",
            "Første frist er 3 måneder efter indsatsens start; hver opfølgning sætter den næste frist med den kadence, sagsbehandleren fastsætter. Af fristerne i perioden, senest på opgørelsesdagen: andelen overholdt. En opfølgning uden kadence afslutter kæden og sætter indsatsen på datakvalitetslisten.",
            "Barnets Lov § 95", "activities, activity_events", CountsDeadline: DeadlineKind.FollowUp, CaseworkerDefault: true,
            Reading: "En andel i procent. Fx 75,0 %: 3 af hver 4 opfølgninger, der skulle ske i perioden, skete til tiden.", RollingWindows: true);
    public static readonly Kpi T1 = new("T1", "Rettidige tilsynsbesøg ved anbringelse", "%", KpiDirection.High, 100,
            "Hvor ofte et anbragt barn får tilsynsbesøg til tiden (mindst to om året).",
            "Første frist er 6 måneder efter anbringelsens start, derefter 6 måneder efter hvert besøg. Af fristerne i perioden, senest på opgørelsesdagen: andelen overholdt.",
            "Barnets Lov § 156, stk. 5", "activities, activity_events", CountsDeadline: DeadlineKind.SupervisoryVisit, CaseworkerDefault: true,
            Reading: "En andel i procent. Fx 80,0 %: 4 af hver 5 tilsynsbesøg, der skulle ske i perioden, skete til tiden.", RollingWindows: true);
    public static readonly Kpi A1 = new("A1", "Anbragte børn pr. 1.000 0-17-årige", "pr. 1.000", KpiDirection.Low, 1,
            "Hvor mange børn der er anbragt i forhold til antallet af børn.",
            "Børn med en aktiv anbringelse på periodens sidste dag pr. 1.000 0-17-årige i enheden det år (enheder uden eget befolkningstal får ingen værdi).",
            null, "activities, cases, population", DenominatorCounts: false, DenominatorScale: 1000, Additive: false,
            Reading: "Børn pr. 1.000. Fx 12,0: 12 af hver 1.000 børn på 0-17 år i enheden var anbragt på periodens sidste dag.", Area: KpiArea.Strategy, ChangeUnit: "pr. 1.000");
    public static readonly Kpi A2 = new("A2", "Andel anbragte i plejefamilie", "%", KpiDirection.High, 100,
            "Hvor stor en del af anbringelserne der er i plejefamilie eller netværksplejefamilie.",
            "Af anbringelserne aktive på periodens sidste dag: andelen i plejefamilie eller netværksplejefamilie.",
            null, "activities",
            Reading: "En andel i procent. Fx 65,0 %: knap 2 af hver 3 anbragte børn boede i en plejefamilie eller netværksplejefamilie.", Area: KpiArea.Strategy);
    public static readonly Kpi S1 = new("S1", "Sager pr. sagsbehandler", "sager pr. årsværk", KpiDirection.Band, 1,
            "Sagstallet: anbefalingen er 20-30 børn pr. sagsbehandler.",
            "Åbne sager på periodens sidste dag pr. årsværk blandt enhedens sagsbehandlere i måneden med periodens sidste dag.",
            null, "cases, employees, hr", BandLow: 20, BandHigh: 30, DenominatorCounts: false, CaseworkerDefault: true, Counts: "Sagsbehandlere (rolle sagsbehandler) med løndata i enheden",
            Reading: "Sager pr. årsværk. Fx 25,0: en fuldtidsansat sagsbehandler har i gennemsnit 25 åbne sager. Anbefalingen er 20-30.", Area: KpiArea.Hr, ChangeUnit: "sager");
    public static readonly Kpi O1 = new("O1", "Forbrug i forhold til budget", "%", KpiDirection.AtMost, 100,
            "Hvor meget af budgettet der er brugt.",
            "Forbrug bogført i perioden på funktion 5.28.20-25 i procent af budgettet for periodens måneder (de måneder, der er begyndt på opgørelsesdagen), samme funktioner.",
            null, "payments, budget", FromMonthlyData: true, NumeratorCounts: false, DenominatorCounts: false, Parts: KpiParts.Money,
            Reading: "Forbrug i procent af budgettet for periodens måneder. Fx 103,0 %: der er brugt 3 % mere end budgetteret (merforbrug); 97,0 % er et mindreforbrug på 3 %.", Area: KpiArea.Economy);
    public static readonly Kpi O2 = new("O2", "Andel forebyggende udgifter", "%", KpiDirection.High, 100,
            "Hvor stor en del af udgifterne der går til forebyggelse.",
            "Forbrug i perioden på 5.28.21 (forebyggende foranstaltninger) i procent af forbruget på 5.28.20-25.",
            null, "payments", NumeratorCounts: false, DenominatorCounts: false, Parts: KpiParts.Money,
            Reading: "En andel i procent af forbruget. Fx 30,0 %: 30 kr. af hver 100 kr. gik til forebyggende foranstaltninger. Opgøres pr. måned og længere, ikke pr. uge, fordi betalinger bogføres én eller to gange om måneden.", Area: KpiArea.Economy);
    public static readonly Kpi H1 = new("H1", "Sygefravær pr. årsværk", "sygedage pr. årsværk (omregnet til et år)", KpiDirection.Low, 1,
            "Sygefraværet omregnet til et helt år.",
            "Sygedage i periodens måneder delt med (summen af årsværk over periodens måneder ÷ 12).",
            null, "hr, employees", FromMonthlyData: true, NumeratorCounts: false, DenominatorCounts: false, DenominatorScale: 12, Counts: "Alle medarbejdere med løndata i enheden (sagsbehandlere, ledere og stab)",
            Reading: "Sygedage pr. årsværk, omregnet til et helt år. Fx 13,2: med periodens fravær ville en fuldtidsansat have 13,2 sygedage på et år. Også en enkelt måned regnes om til et år, så måneder og år kan sammenlignes.", Area: KpiArea.Hr, ChangeUnit: "dage");
    public static readonly Kpi H2 = new("H2", "Overarbejde pr. årsværk", "overtimer pr. årsværk (omregnet til et år)", KpiDirection.Low, 1,
            "Overarbejdet omregnet til et helt år.",
            "Overarbejdstimer i periodens måneder delt med (summen af årsværk over periodens måneder ÷ 12).",
            null, "hr, employees", FromMonthlyData: true, NumeratorCounts: false, DenominatorCounts: false, DenominatorScale: 12, Counts: "Alle medarbejdere med løndata i enheden (sagsbehandlere, ledere og stab)",
            Reading: "Overarbejdstimer pr. årsværk, omregnet til et helt år. Fx 50,0: med periodens overarbejde ville en fuldtidsansat have 50 timers overarbejde på et år. Også en enkelt måned regnes om til et år.", Area: KpiArea.Hr, ChangeUnit: "timer");
    public static readonly Kpi X1 = new("X1", "Produktivitet", "færdige opgaver pr. 100 arbejdstimer", KpiDirection.High, 1,
            "Afsluttede undersøgelser og gennemførte opfølgninger i forhold til sagsbehandlernes arbejdstimer.",
            "Børnefaglige undersøgelser afsluttet i perioden plus opfølgninger gennemført i perioden, pr. 100 arbejdstimer blandt enhedens sagsbehandlere i periodens måneder.",
            null, "examinations, activity_events, hr, employees", FromMonthlyData: true, DenominatorCounts: false, DenominatorScale: 100, Counts: "Sagsbehandlernes arbejdstimer (rolle sagsbehandler)",
            Reading: "Færdige opgaver pr. 100 arbejdstimer. Fx 2,9: for hver 100 timer, sagsbehandlerne arbejder, bliver knap 3 børnefaglige undersøgelser eller opfølgninger gjort færdige.", Area: KpiArea.Hr, ChangeUnit: "opgaver");

    public static readonly Kpi E1 = new("E1", "Opfølgninger hvor indsatsens mål er nået", "%", KpiDirection.High, 100,
            "Hvor ofte en opfølgning viser, at indsatsen har nået sit mål for barnet.",
            "Opfølgninger i perioden, hvor målet er vurderet nået (goal_attained = ja), i procent af opfølgningerne i perioden, hvor målopfyldelsen er vurderet (ja, delvist eller nej). En opfølgning uden vurdering tæller ikke.",
            "Barnets Lov § 92 (opfølgning på indsatsen og barnets plan)", "activity_events, activities, cases", CaseworkerDefault: true,
            Counts: "Opfølgninger med en vurdering af målet",
            Reading: "En andel i procent af de vurderede opfølgninger. Fx 45,0 %: ved knap halvdelen af opfølgningerne var indsatsens mål nået; resten var nået delvist eller ikke.",
            Area: KpiArea.Results);
    public static readonly Kpi E2 = new("E2", "Sammenbrud i anbringelser", "%", KpiDirection.Low, 100,
            "Hvor mange af de anbringelser, der sluttede, som sluttede med et sammenbrud i stedet for som planlagt.",
            "Anbringelser, der sluttede i perioden (slutdato i perioden og senest på opgørelsesdagen) med årsagen sammenbrud, i procent af alle anbringelser, der sluttede i perioden.",
            "Barnets Lov §§ 46-47 (anbringelse), § 156 (tilsyn med anbringelsen)", "activities, cases",
            Counts: "Anbringelser, der sluttede i perioden",
            Reading: "En andel i procent af de anbringelser, der sluttede. Fx 10,0 %: 1 af hver 10 anbringelser, der sluttede, brød sammen; de andre sluttede som planlagt eller af andre grunde.",
            Area: KpiArea.Results);
    public static readonly Kpi E3 = new("E3", "Genunderretninger inden for 12 måneder", "%", KpiDirection.Low, 100,
            "Hvor mange underretninger der handler om et barn, hvis sag blev lukket inden for det seneste år.",
            "Underretninger modtaget i perioden om et barn, der har en sag lukket før modtagelsesdagen og højst 365 dage før, i procent af alle underretninger modtaget i perioden. Underretningen tæller ved den enhed, der modtog den.",
            "Barnets Lov §§ 133-135 (underretninger)", "notifications, cases",
            Counts: "Underretninger modtaget i perioden",
            Reading: "En andel i procent af periodens underretninger. Fx 8,0 %: 8 af hver 100 underretninger handlede om et barn, hvis sag var lukket inden for det seneste år.",
            Area: KpiArea.Results);

    /// <summary>Every figure in catalogue order: the only list of codes.</summary>
    public static readonly IReadOnlyList<Kpi> All = [U1, U2, U3, B1, P1, F1, T1, A1, A2, S1, O1, O2, H1, H2, X1, E1, E2, E3];

    private static readonly Dictionary<string, Kpi> ByCode = All.ToDictionary(k => k.Code, StringComparer.OrdinalIgnoreCase);

    public static Kpi Get(string code) => ByCode.TryGetValue(code, out var kpi) ? kpi : throw new KeyNotFoundException($"Ukendt nøgletal '{code}'.");

    public static bool Exists([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? code) => code is not null && ByCode.ContainsKey(code);

    /// <summary>The deadlines a key figure counts, where it counts one kind (B1, P1, F1, T1); null for the others and for no figure.</summary>
    public static DeadlineKind? DeadlineCountedBy(string? code) => code is not null && ByCode.TryGetValue(code, out var kpi) ? kpi.CountsDeadline : null;
}
