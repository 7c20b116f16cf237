using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.Import;

/// <summary>
/// Every date, timestamp and month in range (the clock says 1 November 2026): an absurd or mistyped date is rejected per
/// row with the reason, and a date that got into the database before still cannot stop the recompute.
/// </summary>
public sealed class DateRangeTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private async Task BasicsAndCaseAsync()
    {
        Files.Basics(_db.Folder);
        Files.Csv(_db.Folder, "cases.csv", """
            case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on
            S1;B0000001;2015-03-02;T1;M1;2024-01-10;
            """);
        var result = await _db.ImportAsync(_db.Folder);
        Assert.All(result.Files, f => Assert.Equal(0, f.RowsRejected));
        foreach (var file in Directory.GetFiles(_db.Folder, "*.csv"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_notification_received_in_9999_or_a_payment_posted_in_2062_is_rejected_with_the_reason_and_the_figures_stay_computable()
    {
        await BasicsAndCaseAsync();
        var notifications = Files.Csv(_db.Folder, "notifications.csv", """
            notification_id;unit_id;child_id;case_id;received_at;assessed_at;professional;receipt_sent_on
            U1;T1;B0000001;S1;2026-10-01 09:00;2026-10-01 12:00;ja;2026-10-05
            U2;T1;B0000001;S1;9999-12-31 23:59;;nej;
            U3;T1;B0000001;S1;2026-10-02 09:00;2062-01-05 10:00;nej;
            U4;T1;B0000001;S1;1899-12-31 08:00;;nej;
            """);
        var payments = Files.Csv(_db.Folder, "payments.csv", """
            payment_id;unit_id;function;activity_id;posted_on;amount
            P1;T1;5.28.21;;2026-10-03;1000,00
            P2;T1;5.28.21;;2062-01-05;1000,00
            """);

        var result = await _db.ImportAsync(_db.Folder);

        Assert.Equal(1, result.ExitCode);
        var errors = result.Files.SelectMany(f => f.Errors).Select(e => (e.File, e.Row, e.Column, e.Reason)).ToList();
        Assert.Contains(("notifications.csv", 3, "received_at", "ligger i fremtiden (efter i dag, 1. november 2026); noget, der er sket, kan ikke have en senere dato"), errors);
        Assert.Contains(("notifications.csv", 4, "assessed_at", "ligger i fremtiden (efter i dag, 1. november 2026); noget, der er sket, kan ikke have en senere dato"), errors);
        Assert.Contains(("notifications.csv", 5, "received_at", "ligger før 1. januar 1990, før kildesystemernes historik"), errors);
        Assert.Contains(("payments.csv", 3, "posted_on", "ligger i fremtiden (efter i dag, 1. november 2026); noget, der er sket, kan ikke have en senere dato"), errors);
        await using var db = _db.NewContext();
        Assert.Equal(["U1"], await db.Notifications.Select(n => n.Id).ToListAsync());
        var recompute = await new KpiEngine(db).RecomputeAsync();
        Assert.Equal(new DateOnly(2026, 10, 3), recompute!.AsOf);
        Assert.True(File.Exists(notifications) && File.Exists(payments));
    }

    [Fact]
    public async Task A_planned_end_next_years_budget_and_a_start_decided_ahead_are_accepted_but_not_beyond_what_the_field_allows()
    {
        await BasicsAndCaseAsync();
        Files.Csv(_db.Folder, "activities.csv", """
            activity_id;case_id;paragraph;kind;function;provider;decided_on;start_on;end_on;monthly_price
            I1;S1;§32;forebyggende;5.28.21;;2026-10-20;2026-12-01;2029-11-30;1000
            I2;S1;§32;forebyggende;5.28.21;;2026-10-20;2028-01-01;;1000
            I3;S1;§32;forebyggende;5.28.21;;2026-10-20;2026-11-01;2040-01-01;1000
            """);
        Files.Csv(_db.Folder, "budget.csv", """
            unit_id;function;month;amount
            T1;5.28.21;2027-12;1000
            T1;5.28.21;2028-01;1000
            """);
        Files.Csv(_db.Folder, "hr.csv", """
            employee_id;month;fte;hours_worked;overtime_hours;sick_days
            M1;2026-11;1;150;0;0
            M1;2026-12;1;150;0;0
            """);

        var result = await _db.ImportAsync(_db.Folder);

        var errors = result.Files.SelectMany(f => f.Errors).Select(e => (e.File, e.Row, e.Column)).ToList();
        Assert.Equal([("activities.csv", 3, "start_on"), ("activities.csv", 4, "end_on"), ("budget.csv", 3, "month"), ("hr.csv", 3, "month")], errors);
        Assert.All(result.Files.SelectMany(f => f.Errors).Where(e => e.Row != 3 || e.File != "hr.csv"),
            e => Assert.StartsWith("ligger for langt ude i fremtiden (senest ", e.Reason, StringComparison.Ordinal));
        await using var db = _db.NewContext();
        Assert.Equal(new DateOnly(2029, 11, 30), (await db.Activities.SingleAsync(a => a.Id == "I1")).EndOn);
    }

    [Fact]
    public async Task A_future_date_already_in_the_database_does_not_stop_the_recompute()
    {
        await BasicsAndCaseAsync();
        Files.Csv(_db.Folder, "notifications.csv", """
            notification_id;unit_id;child_id;case_id;received_at;assessed_at;professional;receipt_sent_on
            U1;T1;B0000001;S1;2026-10-01 09:00;2026-10-01 12:00;ja;2026-10-05
            """);
        await _db.ImportAsync(_db.Folder);
        await using var db = _db.NewContext();
        // As an older portal let it in: written around the importer.
        await db.Database.ExecuteSqlRawAsync("INSERT INTO notifications (Id, UnitId, ChildId, CaseId, ReceivedAt, Professional) VALUES ('U9', 'T1', 'B0000001', 'S1', '9999-12-31 23:59:00', 0)");

        var recompute = await new KpiEngine(db).RecomputeAsync();

        Assert.Equal(new DateOnly(2026, 10, 1), recompute!.AsOf);
    }
}
