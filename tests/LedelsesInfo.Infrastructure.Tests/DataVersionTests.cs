using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.KeyFigures;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests;

/// <summary>
/// The data version moves on with every change of data, in the same transaction, and with nothing else: the cache's
/// keys carry it, so no cached answer outlives its data (docs/decisions/0006).
/// </summary>
public sealed class DataVersionTests : IDisposable
{
    private readonly TestDatabase _database = new();

    private async Task<long> VersionAsync(int row = DataVersion.SingleId)
    {
        await using var db = _database.NewContext();
        return await db.DataVersions.Where(v => v.Id == row).Select(v => v.Version).SingleAsync();
    }

    [Fact]
    public async Task What_is_written_beside_the_figures_moves_its_own_version_and_not_the_data_version()
    {
        var data = await VersionAsync();
        var writing = await VersionAsync(DataVersion.WritingId);
        await using (var db = _database.NewContext())
        {
            db.DeadlineMarks.Add(new DeadlineMark { CaseId = "S1", Kind = DeadlineKind.FollowUp, SourceId = "I1", K = 1, Due = new DateOnly(2025, 3, 3), Mark = DeadlineMarkKind.Registered,
                On = new DateOnly(2025, 3, 2), SetBy = "test", SetAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        Assert.Equal(data, await VersionAsync());
        Assert.Equal(writing + 1, await VersionAsync(DataVersion.WritingId));

        // A save of both kinds moves both, once each.
        await using (var db = _database.NewContext())
        {
            db.DeadlineMarks.Add(new DeadlineMark { CaseId = "S1", Kind = DeadlineKind.FollowUp, SourceId = "I1", K = 2, Due = new DateOnly(2025, 6, 3), Mark = DeadlineMarkKind.Registered,
                On = new DateOnly(2025, 6, 2), SetBy = "test", SetAt = DateTime.UtcNow });
            db.Goals.Add(new Goal { KpiCode = KpiCatalogue.B1.Code, UnitId = "K", Year = 2025, Target = 80 });
            await db.SaveChangesAsync();
        }

        Assert.Equal(data + 1, await VersionAsync());
        Assert.Equal(writing + 2, await VersionAsync(DataVersion.WritingId));
    }

    [Fact]
    public async Task A_save_that_changes_data_moves_the_version_on_by_one()
    {
        var before = await VersionAsync();
        await using (var db = _database.NewContext())
        {
            var setting = await db.AudienceSettings.FirstAsync(s => s.Audience == Audience.Management);
            setting.Enabled = !setting.Enabled;
            await db.SaveChangesAsync();
        }

        Assert.Equal(before + 1, await VersionAsync());
    }

    [Fact]
    public async Task A_save_with_nothing_changed_or_only_the_access_log_leaves_the_version()
    {
        var before = await VersionAsync();
        await using (var db = _database.NewContext())
        {
            await db.SaveChangesAsync();
            db.AccessLog.Add(new AccessLogEntry { At = DateTime.Now, UserName = "test", Page = "Test", Action = "vist" });
            await db.SaveChangesAsync();
        }

        Assert.Equal(before, await VersionAsync());
    }

    [Fact]
    public async Task A_failed_save_writes_nothing_and_leaves_the_version()
    {
        var before = await VersionAsync();
        await using (var db = _database.NewContext())
        {
            // The same key twice: the second insert fails, so the transaction around the save is rolled back.
            db.Goals.Add(new Goal { KpiCode = KpiCatalogue.B1.Code, UnitId = "K", Year = 2025, Target = 80 });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            db.Goals.Add(new Goal { KpiCode = KpiCatalogue.U2.Code, UnitId = "K", Year = 2025, Target = 90 });
            db.Goals.Add(new Goal { KpiCode = KpiCatalogue.B1.Code, UnitId = "K", Year = 2025, Target = 85 });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before + 1, await VersionAsync());
        await using var check = _database.NewContext();
        Assert.Equal([80m], await check.Goals.Select(g => g.Target).ToListAsync());
    }

    [Fact]
    public async Task Inside_a_callers_transaction_the_bump_is_rolled_back_with_it()
    {
        var before = await VersionAsync();
        await using (var db = _database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Goals.Add(new Goal { KpiCode = KpiCatalogue.F1.Code, UnitId = "K", Year = 2025, Target = 90 });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Equal(before, await VersionAsync());
    }

    [Fact]
    public async Task A_recompute_moves_the_version_on_once()
    {
        await using (var db = _database.NewContext())
        {
            db.OrgUnits.Add(new OrgUnit { Id = "K", Name = "Kommune", Level = UnitLevel.Municipality });
            db.Notifications.Add(new Notification { Id = "N1", UnitId = "K", ChildId = "B1", ReceivedAt = new DateTime(2025, 3, 3, 10, 0, 0) });
            await db.SaveChangesAsync();
        }
        var before = await VersionAsync();
        await using (var db = _database.NewContext())
        {
            await new KpiEngine(db).RecomputeAsync(new DateOnly(2025, 3, 31));
        }

        Assert.Equal(before + 1, await VersionAsync());
    }

    public void Dispose() => _database.Dispose();
}
