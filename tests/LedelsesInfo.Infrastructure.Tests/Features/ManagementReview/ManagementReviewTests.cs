using FluentValidation;
using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.ManagementReview;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.DemoData;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.Features.ManagementReview;

/// <summary>Management review on the demo municipality, its messages sent through the pipeline as the team leader or caseworker (<see cref="Slice"/>): one fresh database per test, so rounds do not meet.</summary>
public sealed class ManagementReviewTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase _db = new();
    private string _team = "";
    private string _leader = "";
    private string _otherTeam = "";

    private sealed record User(Audience Audience, string? UnitId, string? EmployeeId, string UserName) : ICurrentUser;

    private sealed class Clock : IClock
    {
        public DateTime Now => new(2026, 11, 1, 9, 0, 0);
    }

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(_db.Folder, "demo");
        new DemoGenerator(DemoProfile.Demo, 3, new DateOnly(2026, 10, 31)).WriteTo(folder);
        await _db.ImportAsync(folder);
        await using var db = _db.NewContext();
        await new KpiEngine(db).RecomputeAsync();
        var teams = await db.Employees.Where(e => e.Role == EmployeeRole.Caseworker).GroupBy(e => e.UnitId)
            .Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).ThenBy(g => g.Key).ToListAsync();
        _team = teams[0].Key;
        _otherTeam = teams[1].Key;
        _leader = await db.Employees.Where(e => e.UnitId == _team && e.Role == EmployeeRole.TeamLeader).Select(e => e.Id).FirstAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    private User Leader => new(Audience.TeamLeader, _team, _leader, "leder@test.dk");

    private static User Administrator => new(Audience.Administrator, null, "ADM", "admin@test.dk");

    private async Task<List<long>> PlanAndDrawAsync(ReviewMode mode = ReviewMode.Dialogue, int size = 5)
    {
        await using var db = _db.NewContext();
        var rounds = (await _db.SendAsync<IReadOnlyList<long>>(new PlanYear(2025, size, mode), Leader, new Clock())).ToList();
        foreach (var round in rounds)
        {
            await _db.SendAsync<IReadOnlyList<DrawnCase>>(new DrawSample(round), Leader, new Clock());
        }
        return rounds;
    }

    [Fact]
    public async Task Over_a_year_every_caseworker_and_every_measure_kind_of_the_team_is_reviewed()
    {
        await PlanAndDrawAsync();
        await using var db = _db.NewContext();

        var sampled = await (from c in db.ReviewCases join r in db.ReviewRounds on c.RoundId equals r.Id where r.TeamId == _team && r.Year == 2025 select c).ToListAsync();
        var candidates = new List<SampleCandidate>();
        for (var q = 1; q <= 4; q++)
        {
            candidates.AddRange(await CandidatesAsync(db, q));
        }

        Assert.Equal(20, sampled.Count);
        Assert.Equal(20, sampled.Select(c => c.CaseId).Distinct().Count()); // no case twice in a year
        Assert.Equal(candidates.Select(c => c.CaseworkerId).Distinct().Order(), sampled.Select(c => c.CaseworkerId).Distinct().Order());
        var sampledKinds = candidates.Where(c => sampled.Any(s => s.CaseId == c.CaseId)).SelectMany(c => c.Kinds).ToHashSet();
        Assert.Superset(candidates.SelectMany(c => c.Kinds).ToHashSet(), sampledKinds);
        Assert.Equal(candidates.SelectMany(c => c.Kinds).Distinct().Count(), sampledKinds.Count);
        Assert.All(sampled, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
        Assert.Contains(sampled, c => c.Reason.Contains("har ikke haft en sag gennemgået i år", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_seed_draws_the_same_cases_and_drawing_again_keeps_the_sample()
    {
        var rounds = await PlanAndDrawAsync();
        await using var db = _db.NewContext();
        var first = await db.ReviewCases.Where(c => c.RoundId == rounds[0]).OrderBy(c => c.Id).Select(c => c.CaseId).ToListAsync();

        var again = await _db.SendAsync<IReadOnlyList<DrawnCase>>(new DrawSample(rounds[0]), Leader, new Clock());
        var round = await db.ReviewRounds.SingleAsync(r => r.Id == rounds[0]);
        var redraw = ReviewSampling.Draw(await CandidatesAsync(db, 1), 5, round.Seed, new HashSet<string>(), new HashSet<ActivityKind>(), new HashSet<string>(), id => id);

        Assert.Equal(first, again.OrderBy(c => c.Id).Select(c => c.CaseId));
        Assert.Equal(first, redraw.Select(c => c.CaseId));
        Assert.Equal(ReviewSampling.SeedFor(_team, 2025, 1), round.Seed);
    }

    [Fact]
    public async Task A_swapped_case_is_replaced_and_keeps_its_reason()
    {
        var rounds = await PlanAndDrawAsync();
        await using var db = _db.NewContext();
        var swap = await db.ReviewCases.FirstAsync(c => c.RoundId == rounds[1]);

        var added = await _db.SendAsync<DrawnCase>(new SwapCase(swap.Id, "Sagen er lige overgået til et andet team"), Leader, new Clock());

        var swapped = await db.ReviewCases.AsNoTracking().SingleAsync(c => c.Id == swap.Id);
        Assert.Equal((true, "Sagen er lige overgået til et andet team"), (swapped.Swapped, swapped.SwapReason));
        Assert.NotEqual(swap.CaseId, added.CaseId);
        Assert.StartsWith($"Erstatter {swap.CaseId}:", added.Reason, StringComparison.Ordinal);
        Assert.Equal(5, await db.ReviewCases.CountAsync(c => c.RoundId == rounds[1] && !c.Swapped));

        // The round's page shows the swapped-out case too, so it is logged with the others; its export of answers logs as exported.
        var before = (await db.AccessLog.LinesAsync()).Count;
        await _db.SendAsync<RoundView>(new GetRound(rounds[1]), Leader, new Clock());
        var lines = await db.AccessLog.LinesAsync();
        var shown = lines.Skip(before).Where(a => a.Action == "vist").Select(a => a.CaseId).ToList();
        Assert.Equal(6, lines.Count - before);
        Assert.Contains(swap.CaseId, shown);
        await _db.SendAsync<RoundView>(new GetRound(rounds[1], GetRoundHandler.AnswersTable), Leader, new Clock());
        Assert.Equal(5, (await db.AccessLog.Where(a => a.Action == "eksporteret").LinesAsync()).Count);
        Assert.DoesNotContain(await db.AccessLog.LinesAsync(), a => a.Action == "eksporteret" && a.CaseId == swap.CaseId);
        await _db.SendAsync<RoundView>(new GetRound(rounds[1], "tilsyn"), Leader, new Clock());
        Assert.Equal(5, (await db.AccessLog.Where(a => a.Action == "eksporteret").LinesAsync()).Count);
    }

    [Fact]
    public async Task The_committee_cannot_recover_a_hidden_quarter_from_the_year_less_the_quarters_shown()
    {
        var rounds = await PlanAndDrawAsync(size: 6);
        await using var db = _db.NewContext();
        Task<AnswerView> Answer(AnswerQuestion message) => _db.SendAsync<AnswerView>(message, Leader, new Clock());
        // Q1: the first question "ja" in 3 cases and not relevant in 3 (3 af 3, small); Q2: "ja" in all 6 (6 af 6). The year: 9 af 9.
        foreach (var (roundId, quarter) in rounds.Take(2).Select((r, i) => (r, i + 1)))
        {
            var round = await db.ReviewRounds.SingleAsync(r => r.Id == roundId);
            var questions = await db.ReviewQuestions.Where(q => q.TemplateId == round.TemplateId).OrderBy(q => q.Order).ToListAsync();
            var cases = await db.ReviewCases.Where(c => c.RoundId == roundId).OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(6, cases.Count);
            foreach (var (c, n) in cases.Select((c, n) => (c, n)))
            {
                foreach (var q in questions)
                {
                    var value = q.Order == questions[0].Order && quarter == 1 && n >= 3 ? ReviewAnswerValue.NotRelevant : ReviewAnswerValue.Yes;
                    await Answer(new AnswerQuestion(c.Id, q.Id, value, null));
                }
            }
            Assert.True(await _db.SendAsync<bool>(new SignOffRound(roundId, null, null), Leader, new Clock()));
        }

        var published = await _db.SendAsync<ReviewOverview>(new GetReviewOverview(2025, HideSmallNumbers: true), new User(Audience.Committee, null, null, "udvalg@test.dk"));
        var internalView = await _db.SendAsync<ReviewOverview>(new GetReviewOverview(2025, HideSmallNumbers: false), new User(Audience.Management, "K", null, "direktør@test.dk"));

        var row = published.Municipality.Rows[0];
        Assert.Equal(["<5", "<5", "9 af 9 (100 %)"], row.Skip(1).Select(c => c as string));
        Assert.Equal(["3 af 3 (100 %)", "6 af 6 (100 %)", "9 af 9 (100 %)"], internalView.Municipality.Rows[0].Skip(1).Select(c => c as string));
        // Every other question has 6 af 6 in both quarters: nothing hidden.
        Assert.All(published.Municipality.Rows.Skip(1), r => Assert.Equal(["6 af 6 (100 %)", "6 af 6 (100 %)", "12 af 12 (100 %)"], r.Skip(1).Select(c => c as string)));
    }

    [Fact]
    public async Task A_round_is_signed_off_only_when_complete_and_is_read_only_after()
    {
        var rounds = await PlanAndDrawAsync(size: 2);
        await using var db = _db.NewContext();
        var cases = await db.ReviewCases.Where(c => c.RoundId == rounds[0]).ToListAsync();
        var round = await db.ReviewRounds.SingleAsync(r => r.Id == rounds[0]);
        var questions = await db.ReviewQuestions.Where(q => q.TemplateId == round.TemplateId).OrderBy(q => q.Order).ToListAsync();
        Task<AnswerView> Answer(AnswerQuestion message) => _db.SendAsync<AnswerView>(message, Leader, new Clock());
        Task<bool> SignOff(SignOffRound message) => _db.SendAsync<bool>(message, Leader, new Clock());

        await Answer(new AnswerQuestion(cases[0].Id, questions[0].Id, ReviewAnswerValue.Yes, null));
        var incomplete = await Assert.ThrowsAsync<ValidationException>(() => SignOff(new SignOffRound(round.Id, null, null)));
        Assert.Contains($"{(2 * questions.Count) - 1} af {2 * questions.Count} svar mangler", incomplete.Message, StringComparison.Ordinal);

        foreach (var c in cases)
        {
            foreach (var q in questions)
            {
                await Answer(new AnswerQuestion(c.Id, q.Id, ReviewAnswerValue.Yes, "Fint"));
            }
        }
        Assert.True(await SignOff(new SignOffRound(round.Id, "Husk barnets synspunkter før afgørelsen.", "Hvordan sikrer vi samtalen med barnet?")));

        await Assert.ThrowsAsync<ValidationException>(() => Answer(new AnswerQuestion(cases[0].Id, questions[0].Id, ReviewAnswerValue.No, null)));
        await Assert.ThrowsAsync<ValidationException>(() => _db.SendAsync<DrawnCase>(new SwapCase(cases[1].Id, "for sent"), Leader, new Clock()));
        Assert.Equal(ReviewAnswerValue.Yes, (await db.ReviewAnswers.AsNoTracking().SingleAsync(a => a.ReviewCaseId == cases[0].Id && a.QuestionId == questions[0].Id)).Value);
    }

    [Fact]
    public async Task A_template_in_use_gets_a_new_version_and_past_rounds_keep_theirs()
    {
        var rounds = await PlanAndDrawAsync(size: 1);
        await using var db = _db.NewContext();
        var round = await db.ReviewRounds.AsNoTracking().SingleAsync(r => r.Id == rounds[0]);
        var old = await db.ReviewQuestions.AsNoTracking().Where(q => q.TemplateId == round.TemplateId).OrderBy(q => q.Order).ToListAsync();
        var edited = old.Select(q => new TemplateQuestion(q.Text, q.FocusArea, q.KpiCode)).Append(new TemplateQuestion("Er søskende inddraget?", "Lokalt", null)).ToList();

        var newId = await _db.SendAsync<long>(new UpdateTemplate(round.TemplateId, edited), Administrator, new Clock());

        Assert.NotEqual(round.TemplateId, newId);
        var next = await db.ReviewTemplates.AsNoTracking().Include(t => t.Questions).SingleAsync(t => t.Id == newId);
        Assert.Equal((2, old.Count + 1), (next.Version, next.Questions.Count));
        Assert.True(next.Questions.Single(q => q.Text == "Er søskende inddraget?").Local);
        Assert.Equal(old.Select(q => q.Id), await db.ReviewQuestions.Where(q => q.TemplateId == round.TemplateId).OrderBy(q => q.Order).Select(q => q.Id).ToListAsync());
        Assert.Equal(round.TemplateId, (await db.ReviewRounds.AsNoTracking().SingleAsync(r => r.Id == rounds[0])).TemplateId);
        // A new year's rounds use the new version.
        var nextYear = await _db.SendAsync<IReadOnlyList<long>>(new PlanYear(2026, 1), Leader, new Clock());
        Assert.Equal(newId, (await db.ReviewRounds.AsNoTracking().SingleAsync(r => r.Id == nextYear[0])).TemplateId);
    }

    [Fact]
    public async Task Only_an_administrator_changes_the_default_template_and_a_leader_changes_only_the_own_units_copy()
    {
        await using var db = _db.NewContext();
        var standard = await db.ReviewTemplates.AsNoTracking().Include(t => t.Questions).SingleAsync(t => t.IsDefault);
        var questions = standard.Questions.OrderBy(q => q.Order).Select(q => new TemplateQuestion(q.Text + " (rettet)", q.FocusArea, q.KpiCode)).ToList();
        var otherLeader = new User(Audience.TeamLeader, _otherTeam, "X", "anden@test.dk");

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => _db.SendAsync<long>(new UpdateTemplate(standard.Id, questions), Leader, new Clock()));
        Assert.StartsWith("Du har ikke adgang til at rette kommunens standardskabelon; kopiér den", refused.Message, StringComparison.Ordinal);
        Assert.Equal(standard.Questions.Select(q => q.Text).Order(), (await db.ReviewQuestions.AsNoTracking().Where(q => q.TemplateId == standard.Id).Select(q => q.Text).ToListAsync()).Order());
        Assert.Equal(1, await db.AccessLog.CountAsync(e => e.Action == "nægtet" && e.UserName == "leder@test.dk"));

        var copy = await _db.SendAsync<long>(new CopyTemplate(standard.Id, "Team 1's skabelon"), Leader, new Clock());
        Assert.Equal(copy, await _db.SendAsync<long>(new UpdateTemplate(copy, questions), Leader, new Clock()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.SendAsync<long>(new UpdateTemplate(copy, questions), otherLeader, new Clock()));
        var views = await _db.SendAsync<IReadOnlyList<TemplateSummary>>(new GetTemplates(), Leader, new Clock());
        Assert.Equal((false, true), (views.Single(t => t.IsDefault).MayChange, views.Single(t => t.Id == copy).MayChange));
        await _db.SendAsync<long>(new UpdateTemplate(standard.Id, questions), Administrator, new Clock());
    }

    [Fact]
    public async Task Another_teams_leader_and_a_caseworker_outside_self_review_are_refused_and_logged()
    {
        var rounds = await PlanAndDrawAsync(size: 1);
        await using var db = _db.NewContext();
        var reviewCase = await db.ReviewCases.FirstAsync(c => c.RoundId == rounds[0]);
        var question = await db.ReviewQuestions.FirstAsync();
        var otherLeader = new User(Audience.TeamLeader, _otherTeam, "X", "anden@test.dk");
        var caseworker = new User(Audience.Caseworker, _team, reviewCase.CaseworkerId, "sb@test.dk");

        await Assert.ThrowsAsync<AccessDeniedException>(() => _db.SendAsync<RoundView>(new GetRound(rounds[0]), otherLeader, new Clock()));
        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await _db.SendAsync<AnswerView>(new AnswerQuestion(reviewCase.Id, question.Id, ReviewAnswerValue.Yes, null), caseworker, new Clock()));

        Assert.Equal(2, await db.AccessLog.CountAsync(e => e.Action == "nægtet" && (e.UserName == "anden@test.dk" || e.UserName == "sb@test.dk")));
    }

    [Fact]
    public async Task In_self_review_the_caseworker_answers_first_then_the_leader()
    {
        var rounds = await PlanAndDrawAsync(ReviewMode.SelfReviewFirst, size: 1);
        await using var db = _db.NewContext();
        var reviewCase = await db.ReviewCases.FirstAsync(c => c.RoundId == rounds[0]);
        var question = await db.ReviewQuestions.FirstAsync(q => q.TemplateId == db.ReviewRounds.Single(r => r.Id == rounds[0]).TemplateId);
        var caseworker = new User(Audience.Caseworker, _team, reviewCase.CaseworkerId, "sb@test.dk");

        await Assert.ThrowsAsync<ValidationException>(async () =>
            await _db.SendAsync<AnswerView>(new AnswerQuestion(reviewCase.Id, question.Id, ReviewAnswerValue.Yes, null), Leader, new Clock()));
        var own = await _db.SendAsync<AnswerView>(new AnswerQuestion(reviewCase.Id, question.Id, ReviewAnswerValue.Partly, "Mangler dato"), caseworker, new Clock());
        var leader = await _db.SendAsync<AnswerView>(new AnswerQuestion(reviewCase.Id, question.Id, ReviewAnswerValue.No, null), Leader, new Clock());

        Assert.Equal((AnswerStage.Caseworker, ReviewAnswerValue.Partly), (own.Stage, own.Value));
        Assert.Equal((AnswerStage.Leader, ReviewAnswerValue.No), (leader.Stage, leader.Value));
        var mine = (await _db.SendAsync<MyReviews>(new GetMyReviews(), caseworker)).Reviews;
        Assert.Contains(mine, m => m.CaseId == reviewCase.CaseId && !m.AwaitsMyAnswers);
    }

    [Fact]
    public async Task Results_count_yes_of_the_answered_cases_and_leave_out_not_relevant()
    {
        var rounds = await PlanAndDrawAsync(size: 4);
        await using var db = _db.NewContext();
        var cases = await db.ReviewCases.Where(c => c.RoundId == rounds[0]).OrderBy(c => c.Id).ToListAsync();
        var round = await db.ReviewRounds.SingleAsync(r => r.Id == rounds[0]);
        var bfu = await db.ReviewQuestions.SingleAsync(q => q.TemplateId == round.TemplateId && q.KpiCode == "B1");
        Task<AnswerView> Answer(AnswerQuestion message) => _db.SendAsync<AnswerView>(message, Leader, new Clock());
        ReviewAnswerValue[] given = [ReviewAnswerValue.Yes, ReviewAnswerValue.Yes, ReviewAnswerValue.Partly, ReviewAnswerValue.NotRelevant];
        for (var i = 0; i < 4; i++)
        {
            await Answer(new AnswerQuestion(cases[i].Id, bfu.Id, given[i], null));
        }

        var view = await _db.SendAsync<RoundView>(new GetRound(round.Id), Leader, new Clock());

        var result = view.Results.Single(r => r.QuestionId == bfu.Id);
        Assert.Equal((2, 3, 1, 1, "2 af 3 sager"), (result.Yes, result.Of, result.Partly, result.NotRelevant, result.Shown));
        // Beside it, the portal's own count of the sampled cases' BFU deadlines.
        var sampled = cases.Select(c => c.CaseId).ToList();
        var asOf = await db.Deadlines.MaxAsync(d => d.AsOf);
        var bfuDeadlines = await db.Deadlines.Where(d => d.AsOf == asOf && d.Kind == DeadlineKind.Examination && sampled.Contains(d.CaseId) && d.Due <= asOf).ToListAsync();
        Assert.Equal((bfuDeadlines.Count(d => d.DoneOn <= d.Due), bfuDeadlines.Count), (result.DataMet!.Value, result.DataOf!.Value));
    }

    /// <summary>The candidates the handlers draw from, read independently: cases open in the quarter with their active measures.</summary>
    private async Task<List<SampleCandidate>> CandidatesAsync(Persistence.LedelsesInfoDbContext db, int quarter)
    {
        var start = new DateOnly(2025, ((quarter - 1) * 3) + 1, 1);
        var end = start.AddMonths(3).AddDays(-1);
        var cases = await db.Cases.Where(c => c.TeamId == _team && c.OpenedOn <= end && (c.ClosedOn == null || c.ClosedOn >= start)).ToListAsync();
        var activities = await db.Activities.Where(a => a.StartOn <= end && (a.EndOn == null || a.EndOn >= start)).ToListAsync();
        return cases.Select(c => new SampleCandidate(c.Id, c.CaseworkerId, activities.Where(a => a.CaseId == c.Id).Select(a => a.Kind).Distinct().Order().ToList())).ToList();
    }
}
