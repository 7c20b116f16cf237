using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Application.KeyFigures;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>
/// The demo read as a real case system and a real organisation would be: cases close when the child comes of age, old
/// deadlines were met late or closed with their case, supervision runs in the current year, politicians are not on the
/// payroll, and every total reads as its parts plus the remainder at the unit itself.
/// </summary>
public sealed class DemoRealismTests : IClassFixture<DemoRealismTests.ComputedDemo>
{
    private static readonly DateOnly To = new(2026, 10, 31);
    private readonly ComputedDemo _demo;

    public DemoRealismTests(ComputedDemo demo) => _demo = demo;

    /// <summary>The demo generated, imported, computed and supervised once for the class, as the portal does on first start.</summary>
    public sealed class ComputedDemo : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new();

        public async Task InitializeAsync()
        {
            var folder = Path.Combine(Database.Folder, "demo");
            new DemoGenerator(DemoProfile.Demo, 1, To).WriteTo(folder);
            await Database.ImportAsync(folder);
            await using var db = Database.NewContext();
            await new KpiEngine(db).RecomputeAsync();
            await new DemoReviews(db, new FixedClock()).RunAsync(To, 1);
        }

        public Task DisposeAsync()
        {
            Database.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task No_case_is_open_for_a_young_person_over_23_and_no_measure_runs_on_a_closed_case()
    {
        await using var db = _demo.Database.NewContext();

        var open = await db.Cases.Where(c => c.ClosedOn == null).Select(c => new { c.Id, c.BirthDate, c.OpenedOn }).ToListAsync();
        Assert.DoesNotContain(open, c => c.BirthDate.AddYears(23) <= To);
        Assert.DoesNotContain(await db.Cases.Select(c => new { c.BirthDate, c.OpenedOn }).ToListAsync(), c => c.BirthDate > c.OpenedOn);
        var runningOnClosed = await (from a in db.Activities
                                     join c in db.Cases on a.CaseId equals c.Id
                                     where c.ClosedOn != null && (a.EndOn == null || a.EndOn > c.ClosedOn)
                                     select a.Id).CountAsync();
        Assert.Equal(0, runningOnClosed);
    }

    [Fact]
    public async Task Overdue_deadlines_are_mostly_days_or_weeks_old_and_almost_none_older_than_a_year()
    {
        await using var db = _demo.Database.NewContext();

        var overdue = await (from d in db.Deadlines
                             join c in db.Cases on d.CaseId equals c.Id
                             where d.AsOf == To && d.DoneOn == null && d.Due < To && c.ClosedOn == null
                             select d.Due).ToListAsync();
        Assert.NotEmpty(overdue);
        var days = overdue.Select(d => To.DayNumber - d.DayNumber).ToList();
        Assert.True(days.Count(d => d > 365) < 0.05 * days.Count, $"{days.Count(d => d > 365)} af {days.Count} overskredne frister er over et år gamle");
        Assert.True(days.Count(d => d <= 90) > days.Count / 2, "de fleste overskredne frister er højst tre måneder gamle");
        // The national compliance levels still hold: follow-ups about three in four met.
        var followUps = await db.Deadlines.Where(d => d.AsOf == To && d.Kind == DeadlineKind.FollowUp && d.Due <= To).Select(d => new { d.Due, d.DoneOn }).ToListAsync();
        Assert.InRange(followUps.Count(d => d.DoneOn <= d.Due) / (double)followUps.Count, 0.6, 0.85);
    }

    [Fact]
    public async Task Supervision_runs_in_the_current_year_up_to_the_data_and_is_planned_for_the_rest()
    {
        await using var db = _demo.Database.NewContext();

        var rounds = await db.ReviewRounds.Where(r => r.Year == To.Year).Select(r => new { r.TeamId, r.Quarter, r.Status }).ToListAsync();
        var teams = await db.OrgUnits.CountAsync(u => u.Level == UnitLevel.Team);
        Assert.Equal(teams * 4, rounds.Count);
        Assert.All(rounds.Where(r => r.Quarter <= 3), r => Assert.Equal(RoundStatus.SignedOff, r.Status));
        Assert.All(rounds.Where(r => r.Quarter == 4), r => Assert.Equal(RoundStatus.InProgress, r.Status)); // October has begun
        Assert.True(await db.ReviewRounds.AllAsync(r => r.Year != To.Year - 1 || r.Status == RoundStatus.SignedOff));
    }

    [Fact]
    public async Task The_committee_members_have_no_hr_rows()
    {
        await using var db = _demo.Database.NewContext();

        var politicians = await db.Employees.Where(e => e.Role == EmployeeRole.Committee).Select(e => e.Id).ToListAsync();
        Assert.NotEmpty(politicians);
        Assert.False(await db.HrMonths.AnyAsync(h => politicians.Contains(h.EmployeeId)));
    }

    [Fact]
    public async Task Every_total_a_director_reads_is_its_units_plus_the_remainder_at_the_unit_itself()
    {
        await using var db = _demo.Database.NewContext();
        var parents = await db.OrgUnits.Where(u => u.Level != UnitLevel.Team).Select(u => u.Id).ToListAsync();
        var admin = new TestUser(Audience.Administrator, "K", null);
        var remainders = new List<(string Unit, string Code)>();

        foreach (var unit in parents)
        {
            var d = await _demo.Database.SendAsync<ManagementDashboard>(new GetManagementDashboard(unit, "2026-09"), admin);
            var parts = d.ComparisonColumns.Where(c => c.Id != unit).Select(c => c.Id).ToList();
            foreach (var kpi in d.Kpis.Where(k => k.Additive))
            {
                var total = d.Comparison[(kpi.Code, unit)];
                var cells = parts.Select(p => d.Comparison[(kpi.Code, p)]).ToList();
                Assert.Equal(total.Numerator ?? 0, cells.Sum(c => c.Numerator ?? 0));
                Assert.Equal(total.Denominator ?? 0, cells.Sum(c => c.Denominator ?? 0));
                if (parts.Contains(Figures.RemainderKey) && d.Comparison[(kpi.Code, Figures.RemainderKey)].Numerator is not null)
                {
                    remainders.Add((unit, kpi.Code));
                }
            }
            Assert.Contains(d.ComparisonTable.Columns, c => c.Header == $"{d.Unit.Name} i alt");
        }
        // The directors, area leaders and the administrator are staff at the unit itself: H1 and H2 have a remainder there;
        // notifications and payments are all at teams, so U1 and O2 have none.
        Assert.Contains(("K", KpiCatalogue.H1.Code), remainders);
        Assert.DoesNotContain(remainders, r => r.Code == KpiCatalogue.U1.Code || r.Code == KpiCatalogue.O2.Code);
    }

    [Fact]
    public async Task A_caseworkers_12_week_figure_is_the_same_on_the_team_page_and_on_the_own_page()
    {
        await using var db = _demo.Database.NewContext();
        var leader = await db.Employees.FirstAsync(e => e.Role == EmployeeRole.TeamLeader);
        var caseworkers = await db.Employees.Where(e => e.UnitId == leader.UnitId && e.Role == EmployeeRole.Caseworker).ToListAsync();

        var team = await _demo.Database.SendAsync<TeamDashboard>(new GetTeamDashboard(), new TestUser(Audience.TeamLeader, leader.UnitId, leader.Id));
        foreach (var caseworker in caseworkers)
        {
            var own = await _demo.Database.SendAsync<MyCases>(new GetMyCases(), new TestUser(Audience.Caseworker, caseworker.UnitId, caseworker.Id));
            var row = team.Compliance.Rows.Single(r => (string)r[0]! == caseworker.Name);
            var mine = own.Compliance.Rows.Single(r => (string)r[0]! == "Mig");
            Assert.Equal((row[3], row[4]), (mine[1], mine[2]));
            // Both say which 12 weeks: the same words on both pages.
            Assert.Equal(team.Compliance.Title[(team.Compliance.Title.IndexOf("uge", StringComparison.Ordinal))..], own.Compliance.Title[(own.Compliance.Title.IndexOf("uge", StringComparison.Ordinal))..]);
        }
    }

    [Fact]
    public async Task The_catalogues_latest_quarter_is_the_committees_the_last_one_ended()
    {
        var catalogue = await _demo.Database.SendAsync<Application.Features.Catalogue.Catalogue>(new Application.Features.Catalogue.GetCatalogue(), new TestUser(Audience.Management, "F1", null));
        var committee = await _demo.Database.SendAsync<CommitteeDashboard>(new GetCommitteeDashboard(), new TestUser(Audience.Committee, "K", null));

        Assert.Equal("2026-Q3", committee.Quarter);
        Assert.All(catalogue.Entries.Where(e => e.Quarter is not null), e => Assert.Equal(committee.Quarter, e.Quarter));
    }

    [Fact]
    public async Task The_team_week_shows_counts_as_whole_numbers_and_no_weekly_money_figures()
    {
        await using var db = _demo.Database.NewContext();
        var leader = await db.Employees.FirstAsync(e => e.Role == EmployeeRole.TeamLeader);

        var team = await _demo.Database.SendAsync<TeamDashboard>(new GetTeamDashboard(Week: "2026-W43"), new TestUser(Audience.TeamLeader, leader.UnitId, leader.Id));

        object? Value(Kpi kpi) => team.Figures.Rows.Single(r => ((string)r[0]!).StartsWith(kpi.Code + " ", StringComparison.Ordinal))[1];
        Assert.IsType<int>(Value(KpiCatalogue.U1));
        Assert.Equal("opgøres månedligt", Value(KpiCatalogue.O2));
        Assert.Equal("opgøres månedligt", Value(KpiCatalogue.O1));
        Assert.IsType<decimal>(Value(KpiCatalogue.S1));
        // Every row says its unit.
        Assert.All(team.Figures.Rows, r => Assert.False(string.IsNullOrEmpty((string?)r[2])));
    }

    [Fact]
    public async Task Only_the_committee_has_small_numbers_hidden_and_a_hidden_value_is_never_shown_as_missing()
    {
        await using var db = _demo.Database.NewContext();

        var committee = await _demo.Database.SendAsync<CommitteeDashboard>(new GetCommitteeDashboard(), new TestUser(Audience.Committee, "K", null));
        var director = await _demo.Database.SendAsync<ManagementDashboard>(new GetManagementDashboard("F1"), new TestUser(Audience.Management, "F1", null));

        // The committee's department comparison has hidden cells in the demo, and its trend tables mark them as hidden.
        Assert.Contains(committee.Comparison.Rows.SelectMany(r => r), c => c is string s && s == Domain.Suppression.Mark);
        var trends = committee.Figures.SelectMany(f => f.Chart.Series.Where(s => !s.Target)).ToList();
        Assert.All(trends, s => Assert.All(s.Values.Select((v, i) => (v, i)).Where(x => s.Hidden![x.i]), x => Assert.Null(x.v)));
        // Management reads for internal use: nothing is hidden anywhere on its page.
        Assert.DoesNotContain(director.Comparison.Values, c => c.Hidden);
        Assert.DoesNotContain(director.Trends.SelectMany(f => f.Chart.Series).SelectMany(s => s.Hidden ?? []), h => h);
        Assert.DoesNotContain(director.ComparisonTable.Rows.SelectMany(r => r), c => c is string s && s == Domain.Suppression.Mark);
    }
}
