using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.KeyFigures;
using LedelsesInfo.Infrastructure.Export;

namespace LedelsesInfo.Infrastructure.Import;

/// <summary>
/// The import files explained in Danish for the administrator (the page "Importfiler" and its templates): every column's
/// meaning and an example, beside <see cref="FileSpecs"/>, which says what the importer accepts. docs/formats.md is the same in English.
/// </summary>
internal static class ImportGuide
{
    private static readonly Dictionary<string, string> Titles = new()
    {
        ["organisation"] = "Organisationen: kommune, forvaltninger, afdelinger og teams",
        ["employees"] = "Medarbejdere og deres roller",
        ["population"] = "Befolkningstal pr. år",
        ["goals"] = "Mål for nøgletallene",
        ["cases"] = "Børnesager, én række pr. sag",
        ["notifications"] = "Underretninger",
        ["examinations"] = "Afdækninger og børnefaglige undersøgelser",
        ["activities"] = "Indsatser (bevillinger)",
        ["activity_events"] = "Hændelser på indsatser: plan, opfølgning, tilsynsbesøg, barnets synspunkter",
        ["payments"] = "Udbetalinger (forbrug)",
        ["budget"] = "Budget pr. enhed, funktion og måned",
        ["hr"] = "HR pr. medarbejder og måned",
    };

    /// <summary>Meaning and example of each column, by file and column name.</summary>
    private static readonly Dictionary<(string File, string Column), (string Meaning, string Example)> Columns = new()
    {
        [("organisation", "unit_id")] = ("Enhedens faste id", "T11"),
        [("organisation", "parent_id")] = ("Den overordnede enheds id; tom for kommunen (toppen)", "AFD1"),
        [("organisation", "name")] = ("Enhedens navn", "Team Nord 1.1"),
        [("organisation", "level")] = ("Niveau i organisationen", "team"),
        [("employees", "employee_id")] = ("Medarbejderens faste id", "M0100"),
        [("employees", "name")] = ("Navn", "Anne Jensen"),
        [("employees", "unit_id")] = ("Det team eller den enhed, medarbejderen hører til", "T11"),
        [("employees", "role")] = ("Rolle; giver adgangen i portalen", "sagsbehandler"),
        [("employees", "login")] = ("Brugernavnet (UPN/e-mail), medarbejderen logger ind med", "anne.jensen@kommune.dk"),
        [("population", "unit_id")] = ("Enheden, som regel kommunen", "K"),
        [("population", "year")] = ("År", "2026"),
        [("population", "age_0_17")] = ("Antal børn 0-17 år", "11500"),
        [("population", "age_0_22")] = ("Antal børn og unge 0-22 år", "14800"),
        [("goals", "kpi_code")] = ("Nøgletallets kode i kataloget", LedelsesInfo.Domain.KpiCatalogue.P1.Code),
        [("goals", "unit_id")] = ("Enheden, målet gælder", "K"),
        [("goals", "year")] = ("År", "2026"),
        [("goals", "target")] = ("Målet i nøgletallets enhed (procent, dage, antal)", "90"),
        [("cases", "case_id")] = ("Sagsnummeret i fagsystemet", "S100234"),
        [("cases", "child_id")] = ("Et pseudonymt barn-id; aldrig et CPR-nummer (det afvises)", "B77812"),
        [("cases", "birth_date")] = ("Barnets fødselsdato (til aldersgrupper)", "2015-04-17"),
        [("cases", "team_id")] = ("Teamet, der har sagen (en enhed på niveau team)", "T11"),
        [("cases", "caseworker_id")] = ("Sagsbehandlerens medarbejder-id", "M0100"),
        [("cases", "opened_on")] = ("Dato, sagen blev oprettet", "2025-09-01"),
        [("cases", "closed_on")] = ("Dato, sagen blev lukket; tom mens den er åben", ""),
        [("notifications", "notification_id")] = ("Underretningens id", "U55120"),
        [("notifications", "unit_id")] = ("Det modtagende team", "T11"),
        [("notifications", "child_id")] = ("Barnets pseudonyme id", "B77812"),
        [("notifications", "case_id")] = ("Sagen, hvis der er en", "S100234"),
        [("notifications", "received_at")] = ("Tidspunkt, underretningen kom ind", "2026-10-05 09:30"),
        [("notifications", "assessed_at")] = ("Tidspunkt for vurderingen inden for 24 timer", "2026-10-05 15:10"),
        [("notifications", "professional")] = ("Er underretteren en fagperson (ja/nej)", "ja"),
        [("notifications", "receipt_sent_on")] = ("Dato, kvitteringen blev sendt til en fagperson", "2026-10-08"),
        [("examinations", "examination_id")] = ("Undersøgelsens id", "E3301"),
        [("examinations", "case_id")] = ("Sagen", "S100234"),
        [("examinations", "kind")] = ("Slags: børnefaglig undersøgelse eller afdækning", "bfu"),
        [("examinations", "aware_on")] = ("Dato, kommunen blev bekendt med det mulige behov (starter 4-månedersfristen)", "2026-06-02"),
        [("examinations", "completed_on")] = ("Dato, undersøgelsen blev afsluttet; tom mens den kører", "2026-09-15"),
        [("activities", "activity_id")] = ("Indsatsens id; nøglen, der binder sag, økonomi og timer sammen", "I8812"),
        [("activities", "case_id")] = ("Sagen", "S100234"),
        [("activities", "paragraph")] = ("Paragraf i Barnets Lov", "§32"),
        [("activities", "kind")] = ("Slags indsats; anbringelser er plejefamilie, netværksplejefamilie, opholdssted, døgninstitution og sikret", "forebyggende"),
        [("activities", "function")] = ("Funktion i den kommunale kontoplan", "5.28.21"),
        [("activities", "provider")] = ("Leverandør", "Familiehuset"),
        [("activities", "decided_on")] = ("Dato for afgørelsen", "2026-09-20"),
        [("activities", "start_on")] = ("Dato, indsatsen starter", "2026-10-01"),
        [("activities", "end_on")] = ("Dato, indsatsen slutter; tom mens den løber", ""),
        [("activities", "monthly_price")] = ("Pris pr. måned i kroner", "12500"),
        [("activities", "end_reason")] = ("Hvorfor indsatsen sluttede: kun med en slutdato; tom mens den løber", ""),
        [("activity_events", "activity_id")] = ("Indsatsen", "I8812"),
        [("activity_events", "event")] = ("Hændelsen", "opfoelgning"),
        [("activity_events", "occurred_on")] = ("Dato", "2026-10-15"),
        [("activity_events", "next_followup_months")] = ("Ved opfølgning: måneder til næste opfølgning (1-24)", "6"),
        [("activity_events", "goal_attained")] = ("Ved opfølgning: om indsatsens mål er nået; tom hvis ikke vurderet", "delvist"),
        [("payments", "payment_id")] = ("Udbetalingens id", "P9001234"),
        [("payments", "unit_id")] = ("Omkostningssted (enhed)", "AFD1"),
        [("payments", "function")] = ("Funktion i kontoplanen", "5.28.21"),
        [("payments", "activity_id")] = ("Indsatsen, udbetalingen hører til, hvis nogen", "I8812"),
        [("payments", "posted_on")] = ("Bogføringsdato", "2026-10-31"),
        [("payments", "amount")] = ("Beløb i kroner; negativt ved en korrektion", "12500,00"),
        [("budget", "unit_id")] = ("Enheden", "AFD1"),
        [("budget", "function")] = ("Funktion i kontoplanen", "5.28.21"),
        [("budget", "month")] = ("Måned (åååå-mm)", "2026-10"),
        [("budget", "amount")] = ("Budget for måneden i kroner", "250000"),
        [("hr", "employee_id")] = ("Medarbejderen", "M0100"),
        [("hr", "month")] = ("Måned (åååå-mm)", "2026-10"),
        [("hr", "fte")] = ("Årsværk, fx 0,8", "1,0"),
        [("hr", "hours_worked")] = ("Præsterede timer i måneden", "148,5"),
        [("hr", "overtime_hours")] = ("Overarbejde i timer", "3,5"),
        [("hr", "sick_days")] = ("Sygedage i måneden", "1"),
    };

    private static string TypeName(ColumnSpec column) => column.Type switch
    {
        ColumnType.Text => "tekst",
        ColumnType.Date => "dato (åååå-mm-dd eller dd-mm-åååå)",
        ColumnType.Timestamp => "tidspunkt (åååå-mm-dd tt:mm)",
        ColumnType.Month => "måned (åååå-mm)",
        ColumnType.Decimal => "tal, fx 1,5",
        ColumnType.Money => "beløb i kroner, højst 2 decimaler",
        ColumnType.Integer => "heltal",
        ColumnType.Boolean => "ja eller nej",
        ColumnType.Code => "en af: " + string.Join(", ", column.Codes!),
        _ => column.Type.ToString(),
    };

    public static readonly IReadOnlyList<ImportFileKind> Kinds = FileSpecs.All
        .Select(s => new ImportFileKind(s.Name, Titles[s.Name], s.Order, s.Columns
            .Select(c => Columns[(s.Name, c.Name)] is var (meaning, example)
                ? new ImportColumn(c.Name, c.Required, TypeName(c), meaning, example) : null!)
            .ToList()))
        .ToList();

    /// <summary>A template: the header and one example row, as CSV (semicolons, UTF-8 with BOM) or XLSX.</summary>
    public static byte[]? Template(string kind, bool spreadsheet)
    {
        var file = Kinds.FirstOrDefault(k => k.Name == kind);
        if (file is null)
        {
            return null;
        }
        var table = new TableData(file.Name, file.Name, file.Columns.Select(c => new TableColumn(c.Name)).ToList(),
            [file.Columns.Select(c => (object?)(c.Example.Length == 0 ? null : c.Example)).ToArray()]);
        return spreadsheet ? TableExport.Xlsx(table) : TableExport.Csv(table);
    }
}
