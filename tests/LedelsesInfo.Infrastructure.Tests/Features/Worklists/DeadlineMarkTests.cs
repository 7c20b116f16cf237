using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.AccessLogs;
using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Application.Features.Worklists;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.Features.Worklists;

/// <summary>
/// Marks on deadlines, on a hand-worked municipality of its own (the one of <see cref="KpiEngineTests"/>, as of 30 June
/// 2025): E2, the examination on Bo Jensen's case S2, is due 28 June and not done.
/// </summary>
public sealed class DeadlineMarkTests : IAsyncLifetime
{
    private readonly KpiEngineTests.HandFixture hand = new();

    private sealed class Clock : IClock
    {
        public DateTime Now => new(2025, 6, 30, 9, 0, 0);
    }

    private static readonly TestUser Bo = new(Audience.Caseworker, "T1", "M2", "bo@test.dk");
    private static readonly TestUser Anne = new(Audience.Caseworker, "T1", "M1", "anne@test.dk");
    private static readonly TestUser Dorte = new(Audience.TeamLeader, "T1", "M4", "dorte@test.dk");
    private static readonly TestUser Carla = new(Audience.Caseworker, "T2", "M3", "carla@test.dk");

    private static SetDeadlineMark Registered(DateOnly on) => new("S2", "bfu", "E2", 1, "registreret", on, null);

    public Task InitializeAsync() => hand.InitializeAsync();

    public Task DisposeAsync() => hand.DisposeAsync();

    [Fact]
    public async Task The_caseworker_marks_an_own_deadline_and_it_is_shown_beside_it_on_both_lists_with_who_and_when()
    {
        long version;
        await using (var before = hand.Database.NewContext())
        {
            version = await before.DataVersions.Where(v => v.Id == LedelsesInfo.Domain.DataVersion.SingleId).Select(v => v.Version).SingleAsync();
        }
        var saved = await hand.Database.SendAsync<DeadlineMarkView>(Registered(new DateOnly(2025, 6, 29)), Bo, new Clock());

        Assert.Equal((DeadlineMarkKind.Registered, new DateOnly(2025, 6, 29), "bo@test.dk", new DateTime(2025, 6, 30, 9, 0, 0)), (saved.Mark, saved.On, saved.SetBy, saved.SetAt));
        var boMarks = await hand.Database.SendAsync<DeadlineMarks>(new GetDeadlineMarks(), Bo, new Clock());
        var teamMarks = await hand.Database.SendAsync<DeadlineMarks>(new GetDeadlineMarks(), Dorte, new Clock());
        var team = await hand.Database.SendAsync<TeamDashboard>(new GetTeamDashboard(AsOf: KpiEngineTests.AsOf), Dorte, new Clock());
        var row = Assert.Single(team.Deadlines);
        Assert.Equal(DeadlineMarkKind.Registered, teamMarks.For(row.CaseId, row.Kind, row.SourceId, row.K)?.Mark);
        Assert.Equal(DeadlineMarkKind.Registered, boMarks.For("S2", DeadlineKind.Examination, "E2", 1)?.Mark);
        // Another team's caseworker sees no marks of this team.
        Assert.Empty((await hand.Database.SendAsync<DeadlineMarks>(new GetDeadlineMarks(), Carla, new Clock())).Newest);
        // The mark changes no key figure: the data version did not move, so no cached answer was thrown away for it.
        await using var db = hand.Database.NewContext();
        Assert.Equal(version, await db.DataVersions.Where(v => v.Id == LedelsesInfo.Domain.DataVersion.SingleId).Select(v => v.Version).SingleAsync());
    }

    [Fact]
    public async Task A_caseworker_who_marks_another_caseworkers_deadline_is_refused_and_the_attempt_is_logged()
    {
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => hand.Database.SendAsync<DeadlineMarkView>(Registered(new DateOnly(2025, 6, 29)), Anne, new Clock()));
        Assert.Contains("S2", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => hand.Database.SendAsync<DeadlineMarkView>(Registered(new DateOnly(2025, 6, 29)), Carla, new Clock()));

        await using var db = hand.Database.NewContext();
        Assert.Empty(await db.DeadlineMarks.ToListAsync());
        var logged = (await db.AccessLog.Where(e => e.Action == AccessLog.Denied).LinesAsync()).Where(e => e.CaseId == "S2").Select(e => e.EmployeeId);
        Assert.Equal(["M1", "M3"], logged.Order());
    }

    [Fact]
    public async Task A_mark_needs_what_the_law_of_the_form_asks_for()
    {
        var noDate = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => hand.Database.SendAsync<DeadlineMarkView>(new SetDeadlineMark("S2", "bfu", "E2", 1, "registreret", null, null), Bo, new Clock()));
        Assert.Contains("den dag, det blev registreret", noDate.Message, StringComparison.Ordinal);
        var agreedWithoutNote = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => hand.Database.SendAsync<DeadlineMarkView>(new SetDeadlineMark("S2", "bfu", "E2", 1, "aftalt", new DateOnly(2025, 7, 15), " "), Bo, new Clock()));
        Assert.Contains("aftalt med teamlederen", agreedWithoutNote.Message, StringComparison.Ordinal);
        var future = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => hand.Database.SendAsync<DeadlineMarkView>(Registered(new DateOnly(2025, 7, 2)), Bo, new Clock()));
        Assert.Contains("ikke efter i dag", future.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => hand.Database.SendAsync<DeadlineMarkView>(new SetDeadlineMark("S2", "bfu", "E2", 1, "=cmd", null, null), Bo, new Clock()));
        Assert.Contains("Vælg hvad der er sket", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mark_survives_a_reimport_and_goes_when_the_import_shows_the_deadline_met()
    {
        await hand.Database.SendAsync<DeadlineMarkView>(new SetDeadlineMark("S2", "bfu", "E2", 1, "aftalt", new DateOnly(2025, 7, 4), "Afsluttes efter mødet med skolen"), Dorte, new Clock());
        var folder = Path.Combine(hand.Database.Folder, "next");
        Directory.CreateDirectory(folder);

        // The same examinations again (E2 still open): the mark stays beside the deadline.
        await ImportAndRecomputeAsync(Files.Csv(folder, "examinations.csv", "examination_id;case_id;kind;aware_on;completed_on\nE2;S2;bfu;2025-02-28;\n"));
        var team = await hand.Database.SendAsync<TeamDashboard>(new GetTeamDashboard(AsOf: KpiEngineTests.AsOf), Dorte, new Clock());
        var marks = await hand.Database.SendAsync<DeadlineMarks>(new GetDeadlineMarks(), Dorte, new Clock());
        var row = Assert.Single(team.Deadlines);
        Assert.Equal("Afsluttes efter mødet med skolen", marks.For(row.CaseId, row.Kind, row.SourceId, row.K)?.Note);

        // The case system's next file shows E2 done: the deadline leaves the list, and its mark with it (kept in the history).
        await ImportAndRecomputeAsync(Files.Csv(folder, "examinations.csv", "examination_id;case_id;kind;aware_on;completed_on\nE2;S2;bfu;2025-02-28;2025-06-29\n"));
        team = await hand.Database.SendAsync<TeamDashboard>(new GetTeamDashboard(AsOf: KpiEngineTests.AsOf), Dorte, new Clock());
        Assert.DoesNotContain(team.Deadlines, d => d.CaseId == "S2" && d.Kind == DeadlineKind.Examination);
        await using var db = hand.Database.NewContext();
        Assert.Equal(1, await db.DeadlineMarks.CountAsync());
    }

    [Fact]
    public async Task A_deadline_marked_as_an_error_in_the_data_goes_on_the_data_quality_list_until_the_data_show_it_done()
    {
        await hand.Database.SendAsync<DeadlineMarkView>(new SetDeadlineMark("S2", "bfu", "E2", 1, "fejl_i_data", null, "Undersøgelsen blev afsluttet i maj"), Bo, new Clock());

        var quality = await hand.Database.SendAsync<LedelsesInfo.Application.Features.Catalogue.DataQuality>(new LedelsesInfo.Application.Features.Catalogue.GetDataQuality(), Dorte, new Clock());
        var marked = quality.Issues.Single(i => i.Code == "markeret_fejl");
        var listed = Assert.Single(marked.Cases);
        Assert.Equal(("S2", "T1"), (listed.CaseId, listed.TeamId));
        Assert.Contains("Undersøgelsen blev afsluttet i maj", listed.What, StringComparison.Ordinal);
        // Another team's leader sees no count for this team.
        var other = await hand.Database.SendAsync<LedelsesInfo.Application.Features.Catalogue.DataQuality>(new LedelsesInfo.Application.Features.Catalogue.GetDataQuality(), new TestUser(Audience.TeamLeader, "T2", null, "t2@test.dk"), new Clock());
        Assert.Equal(0, other.Issues.Single(i => i.Code == "markeret_fejl").Total);

        var folder = Path.Combine(hand.Database.Folder, "fixed");
        Directory.CreateDirectory(folder);
        await ImportAndRecomputeAsync(Files.Csv(folder, "examinations.csv", "examination_id;case_id;kind;aware_on;completed_on\nE2;S2;bfu;2025-02-28;2025-05-20\n"));
        quality = await hand.Database.SendAsync<LedelsesInfo.Application.Features.Catalogue.DataQuality>(new LedelsesInfo.Application.Features.Catalogue.GetDataQuality(), Dorte, new Clock());
        Assert.Empty(quality.Issues.Single(i => i.Code == "markeret_fejl").Cases);
    }

    private async Task ImportAndRecomputeAsync(string file)
    {
        var import = await hand.Database.ImportAsync(file);
        Assert.All(import.Files, f => Assert.Equal(0, f.RowsRejected));
        await using var db = hand.Database.NewContext();
        await new KpiEngine(db).RecomputeAsync(KpiEngineTests.AsOf);
    }
}
