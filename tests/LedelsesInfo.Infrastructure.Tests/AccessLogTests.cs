using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Features.AccessLogs;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>
/// The access log: the web app's group-commit writer, the days each case was seen, and the administrator's look-up of who
/// saw a case. Each test on a database of its own.
/// </summary>
public sealed class AccessLogTests : IDisposable
{
    private static readonly DateTime Morning = new(2026, 11, 2, 8, 0, 0);
    private readonly TestDatabase database = new();

    private sealed record User(Audience Audience, string UserName = "admin@test.dk") : ICurrentUser
    {
        public string? EmployeeId => null;
        public string? UnitId => null;
    }

    private sealed class Clock(DateTime now) : IClock
    {
        public DateTime Now => now;
    }

    public void Dispose() => database.Dispose();

    private LedelsesInfoDbContext Context(AccessLogWriter? writer = null)
    {
        var options = new DbContextOptionsBuilder<LedelsesInfoDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, database.ConnectionString).Configure(options);
        return new LedelsesInfoDbContext(options.Options, writer);
    }

    private AccessLogWriter Writer() => new(new DatabaseSettings(DatabaseProvider.Sqlite, database.ConnectionString));

    private async Task<int> RowsAsync(string userName)
    {
        await using var db = Context();
        return (await db.AccessLog.Where(e => e.UserName == userName).LinesAsync()).Count;
    }

    [Fact]
    public async Task Views_logged_at_once_are_committed_together_and_each_is_in_the_log_when_its_call_returns()
    {
        using var writer = Writer();
        var views = new List<Task<int>>();
        using (new SqliteWriteLock(database.ConnectionString))
        {
            for (var i = 0; i < 40; i++)
            {
                var user = $"u{i}";
                views.Add(Task.Run(async () =>
                {
                    await using var db = Context(writer);
                    await db.AppendAccessLogAsync(Morning, user, $"M{i}", "Mit team", "vist", [$"S{i}", $"S{i + 1}", "S-fælles"], default);
                    return await RowsAsync(user); // read on another connection the moment the call returns
                }));
            }
            await Task.Delay(300);
            Assert.All(views, v => Assert.False(v.IsCompleted)); // nothing returns before it is committed
        }

        Assert.All(await Task.WhenAll(views), rows => Assert.Equal(3, rows));
        // The first view waited for the lock alone or with a few; everything that queued meanwhile went into one more transaction.
        Assert.InRange(writer.Transactions, 1, 2);
        await using var check = Context();
        Assert.Equal(120, (await check.AccessLog.LinesAsync()).Count);
        Assert.Equal(40, await check.AccessLog.CountAsync()); // a row a view
    }

    [Fact]
    public async Task A_view_whose_lines_cannot_be_written_fails_alone()
    {
        using var writer = Writer();
        Task Append(string? user, string caseId) => Task.Run(async () =>
        {
            await using var db = Context(writer);
            await db.AppendAccessLogAsync(Morning, user!, null, "Mit team", "vist", [caseId], default);
        });
        Task[] good;
        Task bad;
        using (new SqliteWriteLock(database.ConnectionString))
        {
            good = [Append("a@test.dk", "S1"), Append("b@test.dk", "S2"), Append("c@test.dk", "S3")];
            bad = Append(null, "S4"); // no user name: the column is NOT NULL
            await Task.Delay(200);
        }

        await Task.WhenAll(good);
        await Assert.ThrowsAsync<SqliteException>(() => bad);
        foreach (var user in new[] { "a@test.dk", "b@test.dk", "c@test.dk" })
        {
            Assert.Equal(1, await RowsAsync(user));
        }
    }

    [Fact]
    public async Task Lines_handed_over_before_the_writer_stops_are_written()
    {
        var writer = Writer();
        var pending = Enumerable.Range(0, 10)
            .Select(i => writer.AppendAsync(new AccessLogView(Morning, "stop@test.dk", null, "Mine sager", "vist", [$"S{i}"]), default))
            .ToList();

        writer.Dispose();

        Assert.All(pending, p => Assert.True(p.IsCompletedSuccessfully));
        Assert.Equal(10, await RowsAsync("stop@test.dk"));
    }

    [Fact]
    public async Task Each_case_gets_one_row_per_day_it_was_seen_and_a_refusal_without_a_case_none()
    {
        await using var db = Context();
        foreach (var at in new[] { Morning, Morning.AddHours(3), Morning.AddDays(1), Morning.AddDays(1).AddHours(1) })
        {
            await db.AppendAccessLogAsync(at, "tl@test.dk", "M4", "Mit team", "vist", ["S1", "S2"], default);
        }
        await db.AppendAccessLogAsync(Morning, "x@test.dk", null, "Mit team", "nægtet", [null], default);

        var days = await db.AccessLogCaseDays.OrderBy(d => d.CaseId).ThenBy(d => d.Day).Select(d => $"{d.CaseId} {d.Day:yyyy-MM-dd}").ToListAsync();
        Assert.Equal(["S1 2026-11-02", "S1 2026-11-03", "S2 2026-11-02", "S2 2026-11-03"], days);
        Assert.Equal(5, await db.AccessLog.CountAsync()); // a row a view
        Assert.Equal(9, (await db.AccessLog.LinesAsync()).Count);
    }

    [Fact]
    public async Task The_administrator_sees_who_saw_a_case_across_days_oldest_first_and_the_look_up_is_logged()
    {
        await using (var db = Context())
        {
            await db.AppendAccessLogAsync(Morning.AddDays(5), "tl@test.dk", "M4", "Mit team", "vist", ["S1", "S2"], default);
            await db.AppendAccessLogAsync(Morning, "sb@test.dk", "M1", "Mine sager", "vist", ["S1"], default);
            await db.AppendAccessLogAsync(Morning.AddDays(5).AddMinutes(-30), "sb@test.dk", "M1", "Sag", "eksporteret", ["S1"], default);
            await db.AppendAccessLogAsync(Morning.AddDays(2), "tl@test.dk", "M4", "Mit team", "vist", ["S2"], default); // another case
        }
        var admin = new User(Audience.Administrator);
        var lookUpAt = Morning.AddDays(10);

        var first = await database.SendAsync<IReadOnlyList<CaseAccessRow>>(new GetCaseAccess("S1"), admin, new Clock(lookUpAt));
        var second = await database.SendAsync<IReadOnlyList<CaseAccessRow>>(new GetCaseAccess("S1"), admin, new Clock(lookUpAt.AddMinutes(1)));

        Assert.Equal(
            [(Morning, "sb@test.dk", "Mine sager", "vist"), (Morning.AddDays(5).AddMinutes(-30), "sb@test.dk", "Sag", "eksporteret"), (Morning.AddDays(5), "tl@test.dk", "Mit team", "vist")],
            first.Select(r => (r.At, r.UserName, r.Page, r.Action)));
        Assert.Equal((lookUpAt, "admin@test.dk", GetCaseAccessHandler.Page, "opslag"), second.Select(r => (r.At, r.UserName, r.Page, r.Action)).Last());
        Assert.Equal(4, second.Count);
    }

    [Fact]
    public async Task A_view_is_one_row_with_its_cases_and_an_id_crafted_to_look_like_two_is_not_taken_for_another_case()
    {
        const string crafted = "S7\",\"S8"; // an id holding the packing's own quotes and comma
        await using (var db = Context())
        {
            await db.AppendAccessLogAsync(Morning, "tl@test.dk", "M4", "Mit team", "vist", ["S7", "S8", "S9"], default);
            await db.AppendAccessLogAsync(Morning.AddHours(1), "sb@test.dk", "M1", "Sag", "vist", [crafted], default);
            Assert.Equal(["[\"S7\",\"S8\",\"S9\"]", "[\"S7\\\",\\\"S8\"]"], await db.AccessLog.OrderBy(l => l.Id).Select(l => l.CaseIds).ToListAsync());
        }
        var admin = new User(Audience.Administrator);

        var eight = await database.SendAsync<IReadOnlyList<CaseAccessRow>>(new GetCaseAccess("S8"), admin, new Clock(Morning.AddDays(1)));
        var craftedSeen = await database.SendAsync<IReadOnlyList<CaseAccessRow>>(new GetCaseAccess(crafted), admin, new Clock(Morning.AddDays(1)));

        // The crafted id's row contains the text "S8" in quotes; only the view that showed S8 is its.
        Assert.Equal(["tl@test.dk"], eight.Select(r => r.UserName));
        Assert.Equal(["sb@test.dk"], craftedSeen.Select(r => r.UserName));
    }

    [Fact]
    public async Task The_administrator_sees_a_users_views_newest_first_with_the_cases_each_showed_within_the_period()
    {
        await using (var db = Context())
        {
            await db.AppendAccessLogAsync(Morning, "tl@test.dk", "M4", "Mit team", "vist", ["S1", "S2", "S3"], default);
            await db.AppendAccessLogAsync(Morning.AddHours(2), "tl@test.dk", "M4", "Sag", "eksporteret", ["S2"], default);
            await db.AppendAccessLogAsync(Morning.AddHours(3), "tl@test.dk", "M4", "Team: teamet T9", "nægtet", [null], default);
            await db.AppendAccessLogAsync(Morning.AddHours(1), "sb@test.dk", "M1", "Mine sager", "vist", ["S9"], default); // another user
            await db.AppendAccessLogAsync(Morning.AddDays(-40), "tl@test.dk", "M4", "Mit team", "vist", ["S4"], default); // before the period
        }
        var admin = new User(Audience.Administrator);
        var day = DateOnly.FromDateTime(Morning);

        var byName = await database.SendAsync<UserAccess>(new GetUserAccess(" tl@test.dk ", day.AddDays(-7), day), admin, new Clock(Morning.AddDays(1)));
        var byEmployee = await database.SendAsync<UserAccess>(new GetUserAccess("M4", day.AddDays(-7), day), admin, new Clock(Morning.AddDays(1)));

        Assert.Equal(
            [(Morning.AddHours(3), "", "nægtet"), (Morning.AddHours(2), "S2", "eksporteret"), (Morning, "S1 S2 S3", "vist")],
            byName.Rows.Select(r => (r.At, string.Join(' ', r.CaseIds), r.Action)));
        Assert.Equal(byName.Rows.Select(r => (r.At, r.Page, r.CaseIds.Count)), byEmployee.Rows.Select(r => (r.At, r.Page, r.CaseIds.Count)));
        Assert.False(byName.More);
        await using var check = Context();
        Assert.Equal(2, await check.AccessLog.CountAsync(l => l.Page.StartsWith(GetUserAccessHandler.Page) && l.UserName == "admin@test.dk"));
    }

    [Fact]
    public async Task Anyone_but_an_administrator_is_refused_the_access_log_and_the_attempt_logged()
    {
        await using var db = Context();
        await db.AppendAccessLogAsync(Morning, "sb@test.dk", "M1", "Mine sager", "vist", ["S1"], default);
        var leader = new User(Audience.TeamLeader, "tl@test.dk");

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            database.SendAsync<IReadOnlyList<CaseAccessRow>>(new GetCaseAccess("S1"), leader, new Clock(Morning.AddDays(1))));

        Assert.Contains(await db.AccessLog.LinesAsync(), e => e.UserName == "tl@test.dk" && e.Action == "nægtet" && e.Page == GetCaseAccessHandler.Page + ": adgangsloggen" && e.CaseId == "S1");
    }

    [Fact]
    public async Task A_citizens_request_lists_every_look_at_the_childs_cases_in_the_period_by_unit_without_names_and_is_logged()
    {
        Files.Basics(database.Folder);
        Files.Csv(database.Folder, "cases.csv", """
            case_id;child_id;birth_date;team_id;caseworker_id;opened_on;closed_on
            S1;B7;2015-01-01;T1;M1;2024-01-01;
            S2;B7;2015-01-01;T2;M3;2025-01-01;2025-06-30
            S3;B8;2016-01-01;T1;M1;2024-01-01;
            """);
        await database.ImportAsync(database.Folder);
        await using (var db = Context())
        {
            await db.AppendAccessLogAsync(Morning, "anne@test.dk", "M1", "Mine sager", "vist", ["S1", "S3"], default);
            await db.AppendAccessLogAsync(Morning.AddDays(1), "carla@test.dk", "M3", "Sag", "vist", ["S2"], default);
            await db.AppendAccessLogAsync(Morning.AddDays(-400), "anne@test.dk", "M1", "Mine sager", "vist", ["S1"], default); // before the period
        }
        var admin = new User(Audience.Administrator);

        var report = await database.SendAsync<ChildAccessReport>(new GetChildAccess(" B7 ", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), admin, new Clock(Morning.AddDays(3)));

        Assert.Equal(["S1", "S2"], report.CaseIds);
        Assert.Equal([(Morning, "S1", "Team 1"), (Morning.AddDays(1), "S2", "Team 2")], report.Rows.Select(r => (r.At, r.CaseId, r.Unit)));
        Assert.DoesNotContain(report.Table.Rows.SelectMany(r => r), v => v is string t && (t.Contains("anne", StringComparison.Ordinal) || t.Contains("Anne", StringComparison.Ordinal) || t == "M1"));
        await using var check = Context();
        Assert.Equal(["S1", "S2"], (await check.AccessLog.Where(l => l.Page == GetChildAccessHandler.Page && l.Action == "opslag" && l.UserName == "admin@test.dk").LinesAsync()).Select(l => l.CaseId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => database.SendAsync<ChildAccessReport>(new GetChildAccess("B7"), new User(Audience.Management, "leder@test.dk"), new Clock(Morning)));
    }

    [Fact]
    public async Task Pruning_deletes_the_log_and_its_days_older_than_the_retention_and_refuses_less_than_half_a_year()
    {
        await using (var db = Context())
        {
            await db.AppendAccessLogAsync(DateTime.Today.AddDays(-400), "sb@test.dk", "M1", "Mine sager", "vist", ["S1", "S2"], default);
            await db.AppendAccessLogAsync(DateTime.Today.AddDays(-10), "sb@test.dk", "M1", "Mine sager", "vist", ["S1"], default);
        }

        var (refused, message) = await CliProcess.RunAsync(null, "prune-access-log", "--days", "30", $"--ConnectionStrings:Default={database.ConnectionString}");
        var (exit, output) = await CliProcess.RunAsync(null, "prune-access-log", "--days", "365", $"--ConnectionStrings:Default={database.ConnectionString}");

        Assert.Equal(2, refused);
        Assert.Contains("mindst 183 dage", message, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        Assert.Contains("1 visning og 2 sagsdage", output, StringComparison.Ordinal);
        await using var check = Context();
        Assert.Equal(["S1"], (await check.AccessLog.LinesAsync()).Select(l => l.CaseId));
        Assert.Equal(1, await check.AccessLogCaseDays.CountAsync());
    }

    [Fact]
    public async Task The_migration_fills_the_days_from_the_log_already_kept()
    {
        var connection = $"Data Source={Path.Combine(database.Folder, "before.db")};Pooling=False";
        var options = new DbContextOptionsBuilder<LedelsesInfoDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, connection).Configure(options);
        await using var db = new LedelsesInfoDbContext(options.Options);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(migrations[migrations.IndexOf(migrations.Single(m => m.EndsWith("_AccessLogCaseDays", StringComparison.Ordinal))) - 1]);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO access_log (At, UserName, EmployeeId, CaseId, Page, Action) VALUES " +
            "('2025-03-01 08:00:00', 'a', NULL, 'S1', 'p', 'vist'), ('2025-03-01 15:30:00.5', 'b', NULL, 'S1', 'p', 'vist'), " +
            "('2025-03-02 09:00:00', 'a', NULL, 'S1', 'p', 'vist'), ('2025-03-02 09:00:00', 'a', NULL, NULL, 'p', 'nægtet')");

        await migrator.MigrateAsync();

        Assert.Equal([("S1", new DateOnly(2025, 3, 1)), ("S1", new DateOnly(2025, 3, 2))],
            (await db.AccessLogCaseDays.OrderBy(d => d.Day).ToListAsync()).Select(d => (d.CaseId, d.Day)));
        // The lines kept a row a case become views of one case each (AccessLogOneRowPerView).
        Assert.Equal(["[\"S1\"]", "[\"S1\"]", "[\"S1\"]", null], await db.AccessLog.OrderBy(l => l.Id).Select(l => l.CaseIds).ToListAsync());
    }
}
