using LedelsesInfo.Application.Features.AccessLogs;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Export;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.Features.Dashboards;

/// <summary>The four dashboards' messages, sent through the pipeline as each audience (<see cref="Slice"/>), on the hand-worked municipality of <see cref="KpiEngineTests"/> (as of 30 June 2025).</summary>
public sealed class DashboardTests(KpiEngineTests.HandFixture fixture) : IClassFixture<KpiEngineTests.HandFixture>
{
    private sealed record User(Audience Audience, string? UnitId, string? EmployeeId, string UserName = "test") : ICurrentUser;

    private sealed class Clock : IClock
    {
        public DateTime Now => new(2025, 7, 1, 9, 0, 0);
    }

    private static readonly DateOnly AsOf = KpiEngineTests.AsOf;

    [Fact]
    public async Task The_team_leaders_week_lists_the_overdue_bfu_and_nothing_done_or_far_ahead()
    {
        await using var db = fixture.Database.NewContext();
        var leader = new User(Audience.TeamLeader, "T1", "M4", "dorte@test.dk");
        var d = await fixture.Database.SendAsync<TeamDashboard>(new GetTeamDashboard(Week: "2025-W27", AsOf: AsOf), leader, new Clock());

        // E2 (S2): aware 28 Feb → due 28 June, not done: 2 days over. I1's next follow-up (15 Dec) and visit (1 Nov) are far ahead;
        // its first visit deadline (2 July) was answered on 1 May.
        var row = Assert.Single(d.Deadlines);
        Assert.Equal(("S2", DeadlineKind.Examination, new DateOnly(2025, 6, 28), 2, "Bo Jensen", DeadlineState.Overdue),
            (row.CaseId, row.Kind, row.Due, row.DaysOver, row.CaseworkerName, row.State));
        Assert.Equal(["S2", "Børnefaglig undersøgelse", new DateOnly(2025, 6, 28), 2, "Bo Jensen", "Overskredet"], d.DeadlineTable.Rows.Single());
        // The answer names the cases it shows, for the access log (written by AccessLogBehavior each time it is served).
        Assert.Equal((GetTeamDashboardHandler.Page, AccessLog.Shown), (d.Access.Page, d.Access.Action));
        Assert.Equal(["S2"], d.Access.CaseIds);
    }

    [Fact]
    public async Task The_team_leaders_compliance_and_caseload_per_caseworker()
    {
        await using var db = fixture.Database.NewContext();
        var d = await fixture.Database.SendAsync<TeamDashboard>(new GetTeamDashboard(AsOf: AsOf), new User(Audience.TeamLeader, "T1", "M4"), new Clock());

        // 12 weeks to 30 June (from week 16): M1's deadlines I1 follow-up 20 June (met) and E1 31 May (met); I1's 2 April is before.
        // M2's E2 28 June (not met).
        var anne = d.Compliance.Rows.Single(r => (string)r[0]! == "Anne Hansen");
        var bo = d.Compliance.Rows.Single(r => (string)r[0]! == "Bo Jensen");
        Assert.Equal((2, 2, 100.0m), ((int)anne[3]!, (int)anne[4]!, (decimal)anne[5]!));
        Assert.Equal((0, 1, 0.0m), ((int)bo[3]!, (int)bo[4]!, (decimal)bo[5]!));
        // Caseload on 30 June: Anne S1 on 1,0 FTE; Bo S2 on 0,8 FTE = 1,25 → 1,3.
        Assert.Equal([1, 1m, 1.0m, "Rød: langt fra målet"], d.Caseload.Rows.Single(r => (string)r[0]! == "Anne Hansen")[1..]);
        Assert.Equal(1.3m, d.Caseload.Rows.Single(r => (string)r[0]! == "Bo Jensen")[3]);
    }

    [Fact]
    public async Task A_team_leader_asking_for_another_team_is_refused_and_the_attempt_logged()
    {
        await using var db = fixture.Database.NewContext();
        var leader = new User(Audience.TeamLeader, "T1", "M4", "dorte@test.dk");

        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Database.SendAsync<TeamDashboard>(new GetTeamDashboard(TeamId: "T2", AsOf: AsOf), leader, new Clock()));

        Assert.True(await db.AccessLog.AnyAsync(e => e.UserName == "dorte@test.dk" && e.Action == AccessLog.Denied && e.Page.StartsWith(GetTeamDashboardHandler.Page + ": teamet ")));
    }

    [Fact]
    public async Task A_caseworker_sees_own_cases_with_next_deadline_measures_and_what_is_missing()
    {
        await using var db = fixture.Database.NewContext();

        var d = await fixture.Database.SendAsync<MyCases>(new GetMyCases(AsOf), new User(Audience.Caseworker, "T1", "M1"), new Clock());

        var s1 = Assert.Single(d.Cases);
        Assert.Equal("S1", s1.CaseId);
        // Open deadlines of S1: I1's visit due 1 Nov and follow-up due 15 Dec: the next is the visit.
        Assert.Equal((DeadlineKind.SupervisoryVisit, new DateOnly(2025, 11, 1)), (s1.NextKind!.Value, s1.NextDue!.Value));
        var measure = Assert.Single(s1.Activities);
        Assert.Equal((ActivityKind.FosterFamily, "§46", 30000m, 6), (measure.Kind, measure.Paragraph, measure.MonthlyPrice!.Value, measure.Cadence!.Value));
        Assert.Equal(["barnets synspunkter før afgørelsen (I1)"], s1.Missing);
        // Own compliance over 12 weeks: 2 of 2; the team's: 2 of 3 (E2 missed).
        Assert.Equal("I de 12 uger uge 16-27 2025 (14. april 2025 til 30. juni 2025) har du overholdt 2 af 2 frister (100,0 %); teamet 2 af 3 (66,7 %).", d.ComplianceSummary);
    }

    [Theory]
    [InlineData(Audience.Caseworker, "T1", "M1", "S2", false)] // same team, another caseworker's case
    [InlineData(Audience.Caseworker, "T1", "M1", "S1", true)]
    [InlineData(Audience.TeamLeader, "T1", "M4", "S2", true)]
    [InlineData(Audience.TeamLeader, "T1", "M4", "S4", false)] // another team's case
    [InlineData(Audience.Management, "F1", null, "S1", false)] // management never sees a case
    public async Task A_case_opens_only_for_its_caseworker_and_its_team_leader(Audience audience, string unit, string? employee, string caseId, bool allowed)
    {
        await using var db = fixture.Database.NewContext();
        var user = new User(audience, unit, employee, $"{audience}-{caseId}");

        if (allowed)
        {
            Assert.Equal(caseId, (await fixture.Database.SendAsync<CaseDetails>(new GetCase(caseId), user, new Clock())).Case.Id);
        }
        else
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Database.SendAsync<CaseDetails>(new GetCase(caseId), user, new Clock()));
        }
        var entry = (await db.AccessLog.Where(e => e.UserName == user.UserName).LinesAsync()).Last();
        Assert.Equal((caseId, allowed ? AccessLog.Shown : AccessLog.Denied), (entry.CaseId, entry.Action));
    }

    [Fact]
    public async Task The_committee_sees_small_municipal_figures_as_hidden_and_the_economy_with_its_forecast()
    {
        await using var db = fixture.Database.NewContext();

        var d = await fixture.Database.SendAsync<CommitteeDashboard>(new GetCommitteeDashboard(AsOf: AsOf), new User(Audience.Committee, null, null));

        Assert.Equal("2025-Q2", d.Quarter);
        // F1 is 2 of 3 deadlines for the municipality: a small count, so hidden; U1 is 5 notifications: shown.
        var f1 = d.Figures.Single(f => f.Current.Code == "F1").Current;
        Assert.Equal((true, "<5", (decimal?)null), (f1.Hidden, f1.Shown, f1.Value));
        Assert.Equal("5", d.Figures.Single(f => f.Current.Code == "U1").Current.Shown);
        Assert.Equal(5, d.Overview.Rows.Single(r => ((string)r[0]!).StartsWith("U1", StringComparison.Ordinal))[1]); // a count stays a whole number
        Assert.Equal("<5", d.Overview.Rows.Single(r => ((string)r[0]!).StartsWith("F1", StringComparison.Ordinal))[1]);
        // 2025: 5.28.22 budget April-July 4 × 30000 = 120000, spent 30000 + 30000 − 1500,10 = 58499,90, July's 30000 still to come.
        var fosterFamilies = d.Economy.Single(e => e.Function == Functions.FosterFamilies);
        Assert.Equal((120000m, 58499.90m, 88499.90m), (fosterFamilies.Budget, fosterFamilies.Spent, fosterFamilies.Forecast));
        Assert.Equal((18000m, 15000.75m), (d.Economy.Single(e => e.Function == Functions.Preventive).Budget, d.Economy.Single(e => e.Function == Functions.Preventive).Spent));
        Assert.DoesNotContain(d.Overview.Rows.Concat(d.Comparison.Rows).SelectMany(r => r), cell => cell is string s && s.StartsWith('S') && s.Length == 2);
    }

    [Fact]
    public async Task Management_drills_from_the_area_to_its_teams_and_is_refused_outside_its_unit()
    {
        await using var db = fixture.Database.NewContext();
        var director = new User(Audience.Management, "F1", null);

        var area = await fixture.Database.SendAsync<ManagementDashboard>(new GetManagementDashboard("A1", "2025-06", AsOf), director, new Clock());

        Assert.Equal(["Børn og Familie", "Familieafdelingen"], area.Breadcrumbs.Select(b => b.Name));
        Assert.Equal(["Team 1", "Team 2"], area.Children.Select(c => c.Name));
        // S1 in June: T1 2 cases on 1,8 FTE = 1,1; T2 1 case on 1 FTE. Management reads for internal use: small counts are shown.
        Assert.Equal(("1,1", "1,0"), (area.Comparison[("S1", "T1")].Shown, area.Comparison[("S1", "T2")].Shown));
        // The economy of June by team: T1 spent nothing in June; 2025 so far T1 58499,90 (5.28.22) + 10000,50 (5.28.21).
        Assert.Equal(68500.40m, area.Economy.Rows.Single(r => (string)r[0]! == "Team 1")[2]);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            fixture.Database.SendAsync<ManagementDashboard>(new GetManagementDashboard("F1"), new User(Audience.Management, "A1", null), new Clock()));
    }

    [Fact]
    public void A_table_exports_to_xlsx_with_danish_headers_and_numbers_as_numbers_and_to_csv_for_danish_excel()
    {
        var table = new TableData("t", "Frister", [new("Sag"), new("Dage over", ColumnKind.Number), new("Beløb", ColumnKind.Money)],
            [["S1", 2, 1234.5m], ["S2", null, -10m]]);

        using var stream = new MemoryStream(TableExport.Xlsx(table));
        using var document = SpreadsheetDocument.Open(stream, false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
        var csv = System.Text.Encoding.UTF8.GetString(TableExport.Csv(table));

        Assert.Equal("Sag", cells[0].InlineString!.InnerText);
        Assert.Equal("Dage over", cells[1].InlineString!.InnerText);
        Assert.Null(cells[4].DataType); // a number, not text
        Assert.Equal("2", cells[4].CellValue!.Text);
        Assert.Equal("1234.5", cells[5].CellValue!.Text);
        Assert.Equal("\uFEFFSag;Dage over;Beløb\r\nS1;2;1234,5\r\nS2;;-10\r\n", csv);
        // A count (an int) reads as a whole number in Excel ("2", never "2,0"); a decimal keeps its one decimal.
        Assert.Equal("#,##0", FormatOf(document, cells[4]));
        Assert.Equal("#,##0.0", FormatOf(new TableData("t", "T", [new("A", ColumnKind.Number)], [[1.5m]]), 1));
    }

    private static string FormatOf(TableData table, int cell)
    {
        using var stream = new MemoryStream(TableExport.Xlsx(table));
        using var document = SpreadsheetDocument.Open(stream, false);
        return FormatOf(document, document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().ElementAt(cell));
    }

    /// <summary>The number format Excel applies to a cell: a built-in one by id, or the stylesheet's own.</summary>
    private static string FormatOf(SpreadsheetDocument document, Cell cell)
    {
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var id = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value).NumberFormatId!.Value;
        return id switch
        {
            3 => "#,##0",
            _ => stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == id).FormatCode!.Value!,
        };
    }
}
