using System.Globalization;

namespace LedelsesInfo.Application.Texts;

/// <summary>
/// The Danish words for the portal's codes, in one place for every page, table and export: the names of deadline kinds
/// and states, measure kinds, audiences, unit levels (with their definite forms), periods, review modes, answers, round
/// and import states, target status. Code stays in English (docs/architecture.md, glossary); what a reader sees is here.
/// The exports are built by the handlers, so the words live beside them in the Application rather than in the web
/// layer, and the pages use the same ones. The one exception is a measure kind's name, which the Domain's sampling
/// writes into a review case's stored reason (<see cref="ActivityKinds.DanishName"/>).
/// </summary>
public static class Danish
{
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>Danish numbers and dates (decimal comma, thousands point).</summary>
    public static CultureInfo Culture => Da;

    public static string Name(DeadlineKind kind) => kind switch
    {
        DeadlineKind.Assessment => "Vurdering inden for 24 timer",
        DeadlineKind.Receipt => "Kvittering til fagperson",
        DeadlineKind.Examination => "Børnefaglig undersøgelse",
        DeadlineKind.ChildPlan => "Barnets plan",
        DeadlineKind.FollowUp => "Opfølgning",
        DeadlineKind.SupervisoryVisit => "Tilsynsbesøg",
        _ => kind.ToString(),
    };

    public static string Name(DeadlineState state) => state switch
    {
        DeadlineState.Met => "Overholdt",
        DeadlineState.Late => "Overholdt for sent",
        DeadlineState.Overdue => "Overskredet",
        DeadlineState.DueSoon => "Inden for 14 dage",
        DeadlineState.Pending => "Senere",
        _ => state.ToString(),
    };

    public static string Name(WorkGroup group) => group switch
    {
        WorkGroup.ThisWeek => "Denne uge",
        WorkGroup.NewlyOverdue => "Nye overskredne (siden sidste uge)",
        WorkGroup.Overdue => "Overskredne",
        WorkGroup.LongOverdue => "Ældre end 3 måneder",
        _ => "Kommende (inden for 14 dage)",
    };

    public static string Name(DeadlineMarkKind mark) => mark switch
    {
        DeadlineMarkKind.Registered => "Registreret i fagsystemet, afventer import",
        DeadlineMarkKind.Agreed => "Aftalt med teamleder",
        _ => "Fejl i data",
    };

    /// <summary>The worklist's counts in one line: "3 frister i denne uge, 2 nye overskredne, 14 overskredne, 6 ældre end 3 måneder".</summary>
    public static string Counts(WorkCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        static string N(int n, string one, string many) => $"{n.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("da-DK"))} {(n == 1 ? one : many)}";
        return $"{N(counts.ThisWeek, "frist", "frister")} i denne uge, {N(counts.NewlyOverdue, "ny overskredet", "nye overskredne")}, "
            + $"{N(counts.Overdue, "overskredet", "overskredne")}, {N(counts.LongOverdue, "ældre end 3 måneder", "ældre end 3 måneder")}";
    }

    /// <summary>How far a deadline is from a day: "3 dage over", "1 dag over", "i dag", "1 dag tilbage", "5 dage tilbage".</summary>
    public static string Days(DateOnly due, DateOnly day)
    {
        var days = due.DayNumber - day.DayNumber;
        return days switch
        {
            < -1 => $"{-days} dage over",
            -1 => "1 dag over",
            0 => "i dag",
            1 => "1 dag tilbage",
            _ => $"{days} dage tilbage",
        };
    }

    /// <summary>The sections of the committee's paper.</summary>
    public static string Name(KpiArea area) => area switch
    {
        KpiArea.Strategy => "Strategi og mål: anbragte børn og forebyggelse",
        KpiArea.Casework => "Sagsbehandling og lovens frister",
        KpiArea.Economy => "Økonomi",
        KpiArea.Hr => "Medarbejdere og kapacitet",
        KpiArea.Results => "Resultater for børnene",
        _ => area.ToString(),
    };

    public static string Name(ExplanationSource source) => source switch
    {
        ExplanationSource.External => "Ekstern",
        _ => "Intern",
    };

    public static string Name(ExplanationScope scope) => scope switch
    {
        ExplanationScope.Collective => "Kollektiv",
        _ => "Individuel",
    };

    public static string Name(ActivityKind kind) => ActivityKinds.DanishName(kind);

    /// <summary>"stige", "falde", "være uændret": what a figure should do, after "skal" or "forventes at".</summary>
    public static string Verb(Heading heading) => heading switch
    {
        Heading.Up => "stige",
        Heading.Down => "falde",
        _ => "være uændret",
    };

    /// <summary>"steget", "faldet", "uændret": what a figure did, after "er".</summary>
    public static string Past(Heading heading) => heading switch
    {
        Heading.Up => "steget",
        Heading.Down => "faldet",
        _ => "uændret",
    };

    public static string Name(ActionGroup group) => group switch
    {
        ActionGroup.Overdue => "Overskredne",
        ActionGroup.DueSoon => "Frist inden for en uge",
        ActionGroup.Open => "Åbne",
        _ => "Udført",
    };

    public static string Name(Audience audience) => audience switch
    {
        Audience.Committee => "Fagudvalg",
        Audience.Management => "Forvaltningsledelse",
        Audience.TeamLeader => "Teamleder",
        Audience.Caseworker => "Sagsbehandler",
        Audience.Administrator => "Administrator",
        _ => throw new ArgumentOutOfRangeException(nameof(audience)),
    };

    /// <summary>A unit level as a common noun: "kommune", "forvaltning", "afdeling", "team".</summary>
    public static string Name(UnitLevel level) => level switch
    {
        UnitLevel.Municipality => "kommune",
        UnitLevel.Department => "forvaltning",
        UnitLevel.Area => "afdeling",
        UnitLevel.Team => "team",
        _ => level.ToString(),
    };

    /// <summary>A unit level in its definite form: "kommunen", "forvaltningen", "afdelingen", "teamet" (never "kommuneen", "teamen").</summary>
    public static string Definite(UnitLevel level) => level switch
    {
        UnitLevel.Municipality => "kommunen",
        UnitLevel.Department => "forvaltningen",
        UnitLevel.Area => "afdelingen",
        UnitLevel.Team => "teamet",
        _ => level.ToString(),
    };

    /// <summary>A date as a reader writes it: "30. november 2026".</summary>
    public static string Date(DateOnly day) => day.ToString("d. MMMM yyyy", Da);

    /// <summary>How often a figure comes: "ugentligt", "månedligt", "kvartalsvis", "årligt".</summary>
    public static string Cadence(PeriodKind kind) => kind switch
    {
        PeriodKind.Week => "ugentligt",
        PeriodKind.Month => "månedligt",
        PeriodKind.Quarter => "kvartalsvis",
        PeriodKind.Year => "årligt",
        _ => kind.ToString(),
    };

    /// <summary>A period for headings: "uge 9 2025", "marts 2025", "1. kvartal 2025", "2025", "12 mdr. til og med marts 2025".</summary>
    public static string Name(Period period) => period.Kind switch
    {
        PeriodKind.Week => $"uge {int.Parse(period.Key[6..], CultureInfo.InvariantCulture)} {period.Key[..4]}",
        PeriodKind.Month => period.Start.ToString("MMMM yyyy", Da),
        PeriodKind.Quarter => $"{period.Key[6]}. kvartal {period.Key[..4]}",
        PeriodKind.Rolling3 or PeriodKind.Rolling12 => $"{Periods.Months(period.Kind)} mdr. til og med {period.End.ToString("MMMM yyyy", Da)}",
        _ => period.Key,
    };

    public static string Name(ReviewMode mode) => mode switch
    {
        ReviewMode.Control => "Kontrol (lederen alene)",
        ReviewMode.Dialogue => "Dialog (leder og sagsbehandler sammen)",
        _ => "Selvevaluering først (sagsbehandleren, derefter lederen)",
    };

    public static string Name(RoundStatus status) => status switch
    {
        RoundStatus.Planned => "Planlagt",
        RoundStatus.InProgress => "I gang",
        _ => "Afsluttet",
    };

    public static string Name(ReviewAnswerValue value) => value switch
    {
        ReviewAnswerValue.Yes => "Ja",
        ReviewAnswerValue.No => "Nej",
        ReviewAnswerValue.Partly => "Delvist",
        _ => "Ikke relevant",
    };

    public static string Name(ImportStatus status) => status switch
    {
        ImportStatus.Running => "I gang",
        ImportStatus.Completed => "Gennemført",
        ImportStatus.PartlyApplied => "Gennemført med afviste rækker",
        ImportStatus.Refused => "Afvist",
        ImportStatus.Interrupted => "Afbrudt",
        _ => status.ToString(),
    };

    public static string Name(ImportSource source) => source switch
    {
        ImportSource.CommandLine => "Kommandolinje",
        ImportSource.Browser => "Browser",
        ImportSource.DropFolder => "Importmappe",
        _ => source.ToString(),
    };

    public static string Name(ImportState state) => state switch
    {
        ImportState.WaitingForPreview => "Venter på at blive læst",
        ImportState.Previewing => "Filerne læses og kontrolleres",
        ImportState.Previewed => "Klar til at blive indlæst",
        ImportState.WaitingForImport => "Venter på at blive indlæst",
        ImportState.Importing => "Indlæses",
        ImportState.Recomputing => "Nøgletallene beregnes",
        ImportState.Done => "Færdig",
        ImportState.Cancelled => "Annulleret",
        ImportState.Failed => "Fejlet",
        _ => state.ToString(),
    };

    /// <summary>A status in words, as it is always written beside its colour.</summary>
    public static string Name(TargetStatus status) => status switch
    {
        TargetStatus.Green => "Grøn: målet er nået",
        TargetStatus.Yellow => "Gul: tæt på målet",
        TargetStatus.Red => "Rød: langt fra målet",
        _ => "Ingen status",
    };
}
