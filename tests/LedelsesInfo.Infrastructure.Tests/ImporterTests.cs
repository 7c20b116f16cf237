using System.Text;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests;

public sealed class ImporterTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private async Task ImportBasicsAsync()
    {
        var result = await _db.ImportAsync(_db.Folder);
        Assert.All(result.Files, f => Assert.Equal(0, f.RowsRejected));
        File.Delete(Path.Combine(_db.Folder, "organisation.csv"));
        File.Delete(Path.Combine(_db.Folder, "employees.csv"));
    }

    private async Task<int> CountAsync<T>() where T : class
    {
        await using var db = _db.NewContext();
        return await db.Set<T>().CountAsync();
    }

    [Fact]
    public async Task Valid_files_are_imported_parents_first_whatever_order_they_are_given_in()
    {
        var files = Files.Basics(_db.Folder).Reverse().ToArray();
        await using var db = _db.NewContext();
        var result = await new Importer(db, new FixedClock()).ImportAsync(files, new ImportOptions());

        Assert.Equal(["organisation", "employees"], result.Files.Select(f => f.Kind));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(5, await CountAsync<OrgUnit>());
        var anne = await db.Employees.SingleAsync(e => e.Id == "M1");
        Assert.Equal(("T1", EmployeeRole.Caseworker, "anne@test.dk"), (anne.UnitId, anne.Role, anne.Login));
    }

    [Fact]
    public async Task A_file_in_utf16_is_refused_with_the_reason_and_nothing_is_written()
    {
        var path = Files.Csv(_db.Folder, "organisation.csv", Files.Organisation, Encoding.Unicode);

        var result = await _db.ImportOneAsync(path);

        Assert.True(result.Refused);
        Assert.Equal("filen er gemt som UTF-16 (Unicode); gem den som CSV UTF-8 eller CSV (semikolonsepareret)", result.RefusalReason);
        Assert.Equal(0, await CountAsync<OrgUnit>());
        Assert.Equal(2, (await _db.ImportAsync(path)).ExitCode);
    }

    [Fact]
    public async Task A_windows_1252_file_from_danish_excel_is_read_with_its_danish_letters()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = Files.Csv(_db.Folder, "organisation.csv", "unit_id;parent_id;name;level\nK;;Ærø Kommune;kommune\nF1;K;Børn og Unge Øst;forvaltning\n", Encoding.GetEncoding(1252));

        var result = await _db.ImportOneAsync(path);

        Assert.Equal(2, result.RowsApplied);
        await using var db = _db.NewContext();
        Assert.Equal(["Børn og Unge Øst", "Ærø Kommune"], await db.OrgUnits.OrderBy(u => u.Id).Select(u => u.Name).ToListAsync());
    }

    [Fact]
    public async Task A_comma_separated_file_with_quotes_and_lower_and_upper_case_headers_is_read()
    {
        var path = Files.Csv(_db.Folder, "organisation.csv", "UNIT_ID,Parent_Id,name,level\nK,,\"Kommunen, den store\",kommune\n");

        var result = await _db.ImportOneAsync(path);

        Assert.Equal(1, result.RowsApplied);
        await using var db = _db.NewContext();
        Assert.Equal("Kommunen, den store", (await db.OrgUnits.SingleAsync()).Name);
    }

    [Fact]
    public async Task A_missing_required_column_refuses_the_file_before_any_row_is_read()
    {
        var path = Files.Csv(_db.Folder, "organisation.csv", "unit_id;parent_id;name\nK;;Testkommune\n");

        var result = await _db.ImportOneAsync(path);

        Assert.True(result.Refused);
        Assert.Equal("den påkrævede kolonne level mangler (overskriften er: unit_id, parent_id, name)", result.RefusalReason);
        Assert.Equal(0, result.RowsRead);
        Assert.Equal(0, await CountAsync<OrgUnit>());
    }

    [Fact]
    public async Task An_unknown_column_is_ignored_with_a_warning()
    {
        var path = Files.Csv(_db.Folder, "organisation.csv", "unit_id;parent_id;name;level;farve\nK;;Testkommune;kommune;blå\n");

        var result = await _db.ImportOneAsync(path);

        Assert.Equal(1, result.RowsApplied);
        Assert.Equal(["kolonnen 'farve' kendes ikke og ignoreres"], result.Warnings);
    }

    [Fact]
    public async Task A_bad_date_rejects_its_row_with_file_row_column_value_and_reason_and_the_other_rows_are_applied()
    {
        Files.Basics(_db.Folder);
        await ImportBasicsAsync();
        var path = Files.Csv(_db.Folder, "cases.csv", """
            case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on
            S1;B0000001;2015-03-02;T1;M1;2024-01-10;
            S2;B0000002;2016-13-40;T1;M1;2024-02-10;
            S3;B0000003;03-04-2012;T2;M3;15-02-2024;
            """);

        var result = await _db.ImportOneAsync(path);

        Assert.Equal((3, 2, 1), (result.RowsRead, result.RowsApplied, result.RowsRejected));
        var error = Assert.Single(result.Errors);
        Assert.Equal(new RowError("cases.csv", 3, "birth_date", "2016-13-40", "er ikke en dato (brug åååå-mm-dd eller dd-mm-åååå)"), error);
        Assert.Equal("cases.csv, række 3, kolonne birth_date (værdi '2016-13-40'): er ikke en dato (brug åååå-mm-dd eller dd-mm-åååå)", error.ToString());
        await using var db = _db.NewContext();
        Assert.Equal(new DateOnly(2024, 2, 15), (await db.Cases.SingleAsync(c => c.Id == "S3")).OpenedOn);
        Assert.Equal(1, (await _db.ImportAsync(path)).ExitCode);
    }

    [Fact]
    public async Task In_strict_mode_one_bad_row_means_nothing_from_the_file_is_applied()
    {
        Files.Basics(_db.Folder);
        await ImportBasicsAsync();
        var path = Files.Csv(_db.Folder, "cases.csv", """
            case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on
            S1;B0000001;2015-03-02;T1;M1;2024-01-10;
            S2;B0000002;2016-13-40;T1;M1;2024-02-10;
            """);

        var result = await _db.ImportOneAsync(path, strict: true);

        Assert.Equal((0, 1), (result.RowsApplied, result.RowsRejected));
        Assert.Contains("streng tilstand: intet er indlæst, fordi filen har afviste rækker", result.Warnings);
        Assert.Equal(0, await CountAsync<Case>());
    }

    [Fact]
    public async Task A_case_in_an_unknown_team_is_an_invalid_row_not_a_crash()
    {
        Files.Basics(_db.Folder);
        await ImportBasicsAsync();
        var path = Files.Csv(_db.Folder, "cases.csv", """
            case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on
            S1;B0000001;2015-03-02;T9;M1;2024-01-10;
            S2;B0000002;2015-03-02;A1;M1;2024-01-10;
            S3;B0000003;2015-03-02;T1;M1;2024-01-10;
            """);

        var result = await _db.ImportOneAsync(path);

        Assert.Equal(
            [
                new RowError("cases.csv", 2, "team_id", "T9", "ukendt team: id'et findes ikke, eller enheden er ikke et team"),
                new RowError("cases.csv", 3, "team_id", "A1", "ukendt team: id'et findes ikke, eller enheden er ikke et team"),
            ],
            result.Errors);
        Assert.Equal(["S3"], await _db.NewContext().Cases.Select(c => c.Id).ToListAsync());
    }

    [Fact]
    public async Task The_same_id_twice_in_a_file_rejects_the_later_row_and_names_the_first()
    {
        var path = Files.Csv(_db.Folder, "organisation.csv", """
            unit_id;parent_id;name;level
            K;;Testkommune;kommune
            F1;K;Forvaltning A;forvaltning
            F1;K;Forvaltning B;forvaltning
            """);

        var result = await _db.ImportOneAsync(path);

        Assert.Equal(new RowError("organisation.csv", 4, "unit_id", "F1", "samme nøgle står allerede i række 3 i filen"), Assert.Single(result.Errors));
        await using var db = _db.NewContext();
        Assert.Equal("Forvaltning A", (await db.OrgUnits.SingleAsync(u => u.Id == "F1")).Name);
    }

    [Fact]
    public async Task A_child_id_that_looks_like_a_cpr_number_is_rejected_and_never_stored()
    {
        Files.Basics(_db.Folder);
        await ImportBasicsAsync();
        var path = Files.Csv(_db.Folder, "cases.csv", """
            case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on
            S1;010315-1234;2015-03-01;T1;M1;2024-01-10;
            S2;0103151234;2015-03-01;T1;M1;2024-01-10;
            """);

        var result = await _db.ImportOneAsync(path);

        Assert.Equal(2, result.RowsRejected);
        Assert.All(result.Errors, e => Assert.Equal(("child_id", "ligner et CPR-nummer; portalen må kun have et pseudonymt barn-id"), (e.Column, e.Reason)));
        Assert.Equal(0, await CountAsync<Case>());
        await using var db = _db.NewContext();
        // The rejected value is kept for the administrator, but masked: the CPR number itself is never stored or shown.
        Assert.Equal(["010315-****", "010315-****"], await db.ImportRowErrors.OrderBy(e => e.RowNumber).Select(e => e.Value).ToListAsync());
        Assert.Equal(["010315-****", "010315-****"], result.Errors.Select(e => e.Value));
    }

    [Theory]
    [InlineData("activities.csv", "activity_id;case_id;paragraph;kind;function;provider;decided_on;start_on;end_on;monthly_price\nI1;S1;§32;forebyggende;5.28.21;Familiehuset 020304-5678;2024-01-10;2024-02-01;;1000", "provider")]
    [InlineData("activities.csv", "activity_id;case_id;paragraph;kind;function;provider;decided_on;start_on;end_on;monthly_price\n0203045678;S1;§32;forebyggende;5.28.21;;2024-01-10;2024-02-01;;1000", "activity_id")]
    [InlineData("notifications.csv", "notification_id;unit_id;child_id;case_id;received_at;assessed_at;professional;receipt_sent_on\nU-020304 5678;T1;B1;S1;2024-01-10 09:00;;nej;", "notification_id")]
    public async Task A_cpr_number_in_any_id_or_free_text_is_rejected_and_kept_only_masked(string file, string content, string column)
    {
        Files.Basics(_db.Folder);
        Files.Csv(_db.Folder, "cases.csv", """
            case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on
            S1;B1;2015-03-01;T1;M1;2024-01-10;
            """);
        await _db.ImportAsync(_db.Folder);
        var path = Files.Csv(Directory.CreateTempSubdirectory("ledelsesinfo-cpr-").FullName, file, content);

        var result = await _db.ImportOneAsync(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal(column, error.Column);
        Assert.StartsWith("ligner et CPR-nummer", error.Reason, StringComparison.Ordinal);
        Assert.Contains("020304-****", error.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("5678", error.ToString(), StringComparison.Ordinal);
        await using var db = _db.NewContext();
        Assert.DoesNotContain(await db.ImportRowErrors.Select(e => e.Value).ToListAsync(), v => v != null && v.Contains("5678", StringComparison.Ordinal));
        Assert.False(await db.Activities.AnyAsync() || await db.Notifications.AnyAsync());
    }

    [Fact]
    public async Task A_million_columns_or_a_huge_header_give_a_bounded_message()
    {
        Files.Basics(_db.Folder);
        await ImportBasicsAsync();
        var header = "unit_id;function;month;amount;" + string.Join(';', Enumerable.Range(0, 100_000).Select(i => $"ekstra{i}"));
        var path = Files.Csv(_db.Folder, "budget.csv", header + "\nT1;5.28.21;2024-01;1000");
        var refused = Files.Csv(Directory.CreateTempSubdirectory("ledelsesinfo-wide-").FullName, "budget.csv", new string('x', 2_000_000) + "\nT1;5.28.21;2024-01;1000");

        var wide = await _db.ImportOneAsync(path);
        var huge = await _db.ImportOneAsync(refused);

        Assert.Equal(1, wide.RowsApplied);
        await using var db = _db.NewContext();
        var messages = await db.ImportBatches.OrderBy(b => b.Id).Select(b => b.Message).ToListAsync();
        Assert.All(messages, m => Assert.True((m?.Length ?? 0) < 3_000, $"a message of {m?.Length:N0} characters"));
        Assert.EndsWith("; … og 99.980 flere", messages[^2], StringComparison.Ordinal);
        Assert.True(huge.Refused);
        Assert.Contains("(2.000.000 tegn)", huge.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_budget_is_rejected_but_a_negative_payment_is_a_correction()
    {
        Files.Basics(_db.Folder);
        await ImportBasicsAsync();
        var budget = Files.Csv(_db.Folder, "budget.csv", "unit_id;function;month;amount\nT1;5.28.21;2025-01;-1.000,00\nT1;5.28.21;2025-02;1.000,00\n");
        var payments = Files.Csv(_db.Folder, "payments.csv", "payment_id;unit_id;function;activity_id;posted_on;amount\nP1;T1;5.28.21;;2025-01-05;-250,50\n");

        var budgetResult = await _db.ImportOneAsync(budget);
        var paymentResult = await _db.ImportOneAsync(payments);

        Assert.Equal(new RowError("budget.csv", 2, "amount", "-1.000,00", "må ikke være negativ"), Assert.Single(budgetResult.Errors));
        Assert.Equal(1, paymentResult.RowsApplied);
        await using var db = _db.NewContext();
        Assert.Equal(-250.50m, (await db.Payments.SingleAsync()).Amount);
        Assert.Equal(1000m, (await db.BudgetLines.SingleAsync()).Amount);
    }

    [Fact]
    public async Task An_amount_with_fractions_of_an_ore_is_rejected()
    {
        Files.Basics(_db.Folder);
        await ImportBasicsAsync();
        var path = Files.Csv(_db.Folder, "payments.csv", "payment_id;unit_id;function;activity_id;posted_on;amount\nP1;T1;5.28.21;;2025-01-05;10,005\n");

        var result = await _db.ImportOneAsync(path);

        Assert.Equal(new RowError("payments.csv", 2, "amount", "10,005", "et beløb må højst have 2 decimaler (øre)"), Assert.Single(result.Errors));
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var path = Files.Csv(_db.Folder, "organisation.csv", "");

        var result = await _db.ImportOneAsync(path);

        Assert.Equal((true, "filen er tom"), (result.Refused, result.RefusalReason));
    }

    [Fact]
    public async Task A_file_of_only_a_header_imports_nothing_and_says_so()
    {
        var path = Files.Csv(_db.Folder, "organisation.csv", "unit_id;parent_id;name;level\n");

        var result = await _db.ImportOneAsync(path);

        Assert.Equal((false, 0, 0), (result.Refused, result.RowsRead, result.RowsApplied));
        Assert.Equal(["filen har kun en overskriftsrække; intet at indlæse"], result.Warnings);
    }

    [Fact]
    public async Task A_file_whose_name_is_not_a_known_kind_is_refused_with_the_known_names()
    {
        var path = Files.Csv(_db.Folder, "medarbejdere.csv", Files.Employees);

        var result = await _db.ImportOneAsync(path);

        Assert.True(result.Refused);
        Assert.StartsWith("filnavnet svarer ikke til en kendt fil (organisation, employees,", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_xlsx_sheet_is_imported_like_the_csv()
    {
        var path = Files.Xlsx(_db.Folder, "organisation.xlsx",
            ["unit_id", "parent_id", "name", "level"], ["K", "", "Testkommune", "kommune"], ["F1", "K", "Børn og Unge", "forvaltning"]);

        var result = await _db.ImportOneAsync(path);

        Assert.Equal((2, 2), (result.RowsRead, result.RowsApplied));
        Assert.Equal(2, await CountAsync<OrgUnit>());
    }

    [Fact]
    public async Task An_xlsx_cell_with_a_formula_rejects_its_row_with_the_reason()
    {
        var path = Files.Xlsx(_db.Folder, "organisation.xlsx",
            ["unit_id", "parent_id", "name", "level"], ["K", "", "Testkommune", "kommune"], ["F1", "K", "=CONCAT(\"Børn\",\" og Unge\")", "forvaltning"]);

        var result = await _db.ImportOneAsync(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "name", "cellen indeholder en formel; indsæt værdien i stedet (kopiér, indsæt som værdi)"), (error.Row, error.Column, error.Reason));
        Assert.Equal(["K"], await _db.NewContext().OrgUnits.Select(u => u.Id).ToListAsync());
    }

    [Fact]
    public async Task A_broken_xlsx_is_refused()
    {
        var path = Files.Csv(_db.Folder, "organisation.xlsx", "dette er ikke et regneark");

        var result = await _db.ImportOneAsync(path);

        Assert.Equal((true, "filen kan ikke læses som et Excel-regneark (.xlsx)"), (result.Refused, result.RefusalReason));
    }

    [Fact]
    public async Task Danish_and_international_number_formats_are_read_to_the_same_value()
    {
        Files.Basics(_db.Folder);
        await ImportBasicsAsync();
        var path = Files.Csv(_db.Folder, "hr.csv", """
            employee_id;month;fte;hours_worked;overtime_hours;sick_days
            M1;2025-01;0,8;1.234,50;2.5;1
            M2;2025-01;1;128,25;0;0
            M3;2025-01;0.9;1,234.50;0;0
            """);

        var result = await _db.ImportOneAsync(path);

        // 1.234,50 is too many hours for a month, which proves it was read as 1234.5, not 1.2345.
        Assert.Equal((1, "hours_worked"), (result.Errors.Count(e => e.Row == 2), result.Errors.Single(e => e.Row == 2).Column));
        await using var db = _db.NewContext();
        var bo = await db.HrMonths.SingleAsync(h => h.EmployeeId == "M2");
        Assert.Equal((1m, 128.25m), (bo.Fte, bo.HoursWorked));
        Assert.Equal("skal være mellem 0 og 400 timer i en måned", result.Errors.Single(e => e.Row == 4).Reason);
    }

    [Fact]
    public async Task A_notification_assessed_before_it_was_received_is_rejected()
    {
        Files.Basics(_db.Folder);
        await ImportBasicsAsync();
        var path = Files.Csv(_db.Folder, "notifications.csv", """
            notification_id;unit_id;child_id;case_id;received_at;assessed_at;professional;receipt_sent_on
            U1;T1;B0000001;;2025-03-04 23:59;2025-03-05T09:15;ja;2025-03-06
            U2;T1;B0000002;;2025-03-04 10:00;2025-03-04 09:00;nej;
            """);

        var result = await _db.ImportOneAsync(path);

        Assert.Equal(new RowError("notifications.csv", 3, "assessed_at", "2025-03-04 09:00", "vurderingen kan ikke ligge før modtagelsen"), Assert.Single(result.Errors));
        await using var db = _db.NewContext();
        var u1 = await db.Notifications.SingleAsync();
        Assert.Equal((new DateTime(2025, 3, 4, 23, 59, 0), true), (u1.ReceivedAt, u1.Professional));
    }

    [Fact]
    public async Task Reimporting_a_row_with_a_changed_value_updates_it_in_place()
    {
        var path = Files.Csv(_db.Folder, "organisation.csv", "unit_id;parent_id;name;level\nK;;Gammelt navn;kommune\n");
        await _db.ImportOneAsync(path);
        Files.Csv(_db.Folder, "organisation.csv", "unit_id;parent_id;name;level\nK;;Nyt navn;kommune\n");

        var result = await _db.ImportOneAsync(path);

        Assert.Equal(1, result.RowsApplied);
        await using var db = _db.NewContext();
        Assert.Equal("Nyt navn", (await db.OrgUnits.SingleAsync()).Name);
    }

    [Fact]
    public async Task Every_import_is_recorded_as_a_batch_with_its_row_errors()
    {
        var path = Files.Csv(_db.Folder, "organisation.csv", "unit_id;parent_id;name;level\nK;;Testkommune;kommune\nX;K;Noget;landsdel\n");

        var result = await _db.ImportOneAsync(path);

        await using var db = _db.NewContext();
        var batch = await db.ImportBatches.Include(b => b.Errors).SingleAsync(b => b.Id == result.BatchId);
        Assert.Equal(("organisation.csv", ImportStatus.PartlyApplied, 2, 1, 1), (batch.FileName, batch.Status, batch.RowsRead, batch.RowsApplied, batch.RowsRejected));
        var error = Assert.Single(batch.Errors);
        Assert.Equal((3, "level", "landsdel", "er ikke en gyldig værdi (brug kommune, forvaltning, afdeling, team)"), (error.RowNumber, error.Column, error.Value, error.Reason));
    }
}
