using LedelsesInfo.Application.Abstractions;
using LedelsesInfo.Application.Caching;
using LedelsesInfo.Application.Features.Dashboards;
using LedelsesInfo.Application.Features.Notes;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Tests.Support;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Infrastructure.Tests.Caching;

/// <summary>
/// What the dashboards read alike (the org tree, the targets, the month's economy by unit) is read once per data version
/// and shared between requests (<see cref="SharedReads"/>): on the hand-worked municipality, in one process (one
/// cache), a request at a later version reads them again, and the portal's own run at start keeps none of them. Where
/// anything is written on the figures is kept under the writing version: a note is on the next view of its page.
/// </summary>
public sealed class SharedReadsTests(KpiEngineTests.HandFixture fixture) : IClassFixture<KpiEngineTests.HandFixture>
{
    private sealed class Clock : IClock
    {
        public DateTime Now => new(2025, 7, 1, 9, 0, 0);
    }

    /// <summary>Moves Team 1's B1 numerator for June by {0}, around the data version.</summary>
    private const string B1OfTeam1InJune =
        "UPDATE kpi_values SET \"Numerator\" = \"Numerator\" + {0} WHERE \"KpiCode\" = 'B1' AND \"UnitId\" = 'T1' AND \"PeriodKind\" = 'maaned' AND \"Period\" = '2025-06'";

    private static readonly TestUser Director = new(Audience.Management, "F1", null);

    private static async Task<ManagementDashboard> SendAsync(IServiceProvider provider, GetManagementDashboard query, bool startup = false)
    {
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<StartupRun>().Active = startup;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    [Fact]
    public async Task A_target_changed_after_a_page_was_computed_is_on_the_next_page_computed_in_the_same_process()
    {
        await using var provider = fixture.Database.Services(Director, new Clock());
        var june = await SendAsync(provider, new GetManagementDashboard("A1", "2025-06", KpiEngineTests.AsOf));
        // B1's target for the teams is inherited from the department's goal (85); the municipality's is 80.
        Assert.Equal(85m, june.Comparison[("B1", "T1")].Target);

        await using (var db = fixture.Database.NewContext())
        {
            (await db.Goals.SingleAsync(g => g.KpiCode == "B1" && g.UnitId == "F1" && g.Year == 2025)).Target = 90m;
            await db.SaveChangesAsync(); // moves the data version on
        }
        try
        {
            // Another month, so the page itself is computed again, from the targets as they are now.
            var may = await SendAsync(provider, new GetManagementDashboard("A1", "2025-05", KpiEngineTests.AsOf));
            Assert.Equal(90m, may.Comparison[("B1", "T1")].Target);
            var juneAgain = await SendAsync(provider, new GetManagementDashboard("A1", "2025-06", KpiEngineTests.AsOf));
            Assert.Equal(90m, juneAgain.Comparison[("B1", "T1")].Target);
        }
        finally
        {
            await using var db = fixture.Database.NewContext();
            (await db.Goals.SingleAsync(g => g.KpiCode == "B1" && g.UnitId == "F1" && g.Year == 2025)).Target = 85m;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task The_org_tree_the_months_economy_and_its_figures_are_read_once_for_every_units_page_at_a_version_and_not_kept_at_start()
    {
        await using var provider = fixture.Database.Services(Director, new Clock());
        var cache = provider.GetRequiredService<QueryCache>();

        await SendAsync(provider, new GetManagementDashboard("A1", "2025-06", KpiEngineTests.AsOf), startup: true);
        Assert.Equal(0, cache.Count);

        var area = await SendAsync(provider, new GetManagementDashboard("A1", "2025-06", KpiEngineTests.AsOf));
        Assert.Equal(68500.40m, area.Economy.Rows.Single(r => (string)r[0]! == "Team 1")[2]);
        var b1 = area.Comparison[("B1", "T1")].Numerator;
        // Written around the data version (as nothing in the portal writes): a page computed at the same version does not
        // see it, because it reads the tree and the month's economy kept from the page before.
        await using (var db = fixture.Database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE org_units SET \"Name\" = 'Omdøbt' WHERE \"Id\" = 'T1'");
            await db.Database.ExecuteSqlRawAsync("UPDATE economy_months SET \"Spent\" = \"Spent\" + 100000 WHERE \"UnitId\" = 'T1'");
            await db.Database.ExecuteSqlRawAsync(B1OfTeam1InJune, 1);
        }
        try
        {
            var team = await SendAsync(provider, new GetManagementDashboard("T1", "2025-06", KpiEngineTests.AsOf));
            Assert.Equal("Team 1", team.Unit.Name);
            Assert.Equal(68500.40m, team.Economy.Rows.Single(r => (string)r[0]! == "Team 1")[2]);
            Assert.Equal(b1, team.Comparison[("B1", "T1")].Numerator);

            // A new process (a new cache) reads them as they are.
            await using var restarted = fixture.Database.Services(Director, new Clock());
            var fresh = await SendAsync(restarted, new GetManagementDashboard("T1", "2025-06", KpiEngineTests.AsOf));
            Assert.Equal("Omdøbt", fresh.Unit.Name);
            Assert.Equal(b1 + 1, fresh.Comparison[("B1", "T1")].Numerator);
        }
        finally
        {
            await using var db = fixture.Database.NewContext();
            await db.Database.ExecuteSqlRawAsync("UPDATE org_units SET \"Name\" = 'Team 1' WHERE \"Id\" = 'T1'");
            await db.Database.ExecuteSqlRawAsync("UPDATE economy_months SET \"Spent\" = \"Spent\" - 100000 WHERE \"UnitId\" = 'T1'");
            await db.Database.ExecuteSqlRawAsync(B1OfTeam1InJune, -1);
        }
    }

    [Fact]
    public async Task A_note_written_where_nothing_was_written_is_on_the_next_view_of_its_figures()
    {
        await using var provider = fixture.Database.Services(Director, new Clock());
        var query = new GetFigureNotes(["T1"], ["2025-05"], WriteFor: "T1");
        var before = await SendAsync(provider, query);
        Assert.Empty(before.Notes);
        Assert.True(before.MayWrite);

        var id = await SendAsync(provider, new SaveFigureNote(null, "B1", "T1", "2025-05", "Færre opfølgninger til tiden i maj.", false, []));
        try
        {
            var after = await SendAsync(provider, query);
            Assert.Equal("Færre opfølgninger til tiden i maj.", Assert.Single(after.Notes).Interpretation);
        }
        finally
        {
            await using var db = fixture.Database.NewContext();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM note_explanations WHERE \"NoteId\" = {0}", id);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM figure_note_versions WHERE \"NoteId\" = {0}", id);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM figure_notes WHERE \"Id\" = {0}", id);
        }
    }

    private static async Task<T> SendAsync<T>(IServiceProvider provider, IQuery<T> query)
    {
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    private static async Task<T> SendAsync<T>(IServiceProvider provider, ICommand<T> command)
    {
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }
}
