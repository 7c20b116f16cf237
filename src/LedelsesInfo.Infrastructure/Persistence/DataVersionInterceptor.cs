using System.Runtime.CompilerServices;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <summary>
/// Moves the data version on in the same transaction as every save that changes anything but the access log, the
/// sessions, the deadline marks, the weekly message's records and the leaders' notes, expectations and actions (none of
/// which a cached answer reads: notes are read beside the cached figures on every request), so no
/// cached answer outlives the data it was read from (docs/decisions/0006). A save outside a transaction gets one of its
/// own here, committed after the bump; inside a caller's transaction the bump joins it. The importer and the engine,
/// which write around EF, run <see cref="SqlDialect.BumpDataVersion"/> themselves.
/// </summary>
public sealed class DataVersionInterceptor : SaveChangesInterceptor
{
    /// <summary>Saves under way that change data, by context, with the transaction begun here (null: the caller's).</summary>
    private readonly ConditionalWeakTable<DbContext, Pending> _saving = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && ChangesData(db))
        {
            _saving.AddOrUpdate(db, new Pending(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null));
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && ChangesData(db))
        {
            _saving.AddOrUpdate(db, new Pending(db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null));
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && _saving.TryGetValue(db, out var pending))
        {
            _saving.Remove(db);
            await db.Database.ExecuteSqlRawAsync(SqlDialect.For(db).BumpDataVersion, cancellationToken);
            if (pending.Own is { } own)
            {
                await own.CommitAsync(cancellationToken);
                await own.DisposeAsync();
            }
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && _saving.TryGetValue(db, out var pending))
        {
            _saving.Remove(db);
            db.Database.ExecuteSqlRaw(SqlDialect.For(db).BumpDataVersion);
            pending.Own?.Commit();
            pending.Own?.Dispose();
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && _saving.TryGetValue(db, out var pending))
        {
            _saving.Remove(db);
            if (pending.Own is { } own)
            {
                await own.RollbackAsync(cancellationToken);
                await own.DisposeAsync();
            }
        }
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && _saving.TryGetValue(db, out var pending))
        {
            _saving.Remove(db);
            pending.Own?.Rollback();
            pending.Own?.Dispose();
        }
    }

    private static bool ChangesData(DbContext db) =>
        db is not LedelsesInfoDbContext { DefersDataVersion: true } && db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is not (AccessLogEntry or SignInSession or DeadlineMark or WeeklyMessageOptOut or SentMessage
                or FigureNote or NoteExplanation or FigureNoteVersion or FigureExpectation or FigureAction or Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey));

    private sealed record Pending(IDbContextTransaction? Own);
}
