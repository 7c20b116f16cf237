using System.Runtime.CompilerServices;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <summary>
/// Moves the data version on in the same transaction as every save that changes anything but the access log, the
/// sessions, the weekly message's records and what leaders and caseworkers write beside the figures (notes,
/// expectations, actions, deadline marks), so no cached answer outlives the data it was read from (docs/decisions/0006).
/// What they write moves the second row instead (<see cref="DataVersion.WritingId"/>), which only the answers that show
/// it are keyed by: a note costs no recomputed figures. A save outside a transaction gets one of its own here,
/// committed after the bump; inside a caller's transaction the bump joins it. The importer and the engine, which write
/// around EF, run <see cref="SqlDialect.BumpDataVersion"/> themselves.
/// </summary>
public sealed class DataVersionInterceptor : SaveChangesInterceptor
{
    /// <summary>Saves under way that change data, by context, with the transaction begun here (null: the caller's).</summary>
    private readonly ConditionalWeakTable<DbContext, Pending> _saving = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && Changes(db) is { } bumps)
        {
            _saving.AddOrUpdate(db, new Pending(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null, bumps));
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && Changes(db) is { } bumps)
        {
            _saving.AddOrUpdate(db, new Pending(db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null, bumps));
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && _saving.TryGetValue(db, out var pending))
        {
            _saving.Remove(db);
            foreach (var bump in pending.Bumps)
            {
                await db.Database.ExecuteSqlRawAsync(bump, cancellationToken);
            }
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
            foreach (var bump in pending.Bumps)
            {
                db.Database.ExecuteSqlRaw(bump);
            }
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

    /// <summary>The versions a save moves: none for the access log, the sessions and the weekly message's records.</summary>
    private static List<string>? Changes(DbContext db)
    {
        if (db is LedelsesInfoDbContext { DefersDataVersion: true })
        {
            return null;
        }
        var changed = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is not (AccessLogEntry or SignInSession or WeeklyMessageOptOut or SentMessage or Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)).ToList();
        var dialect = SqlDialect.For(db);
        var bumps = new List<string>();
        if (changed.Any(e => !IsWriting(e.Entity)))
        {
            bumps.Add(dialect.BumpDataVersion);
        }
        if (changed.Any(e => IsWriting(e.Entity)))
        {
            bumps.Add(dialect.BumpWritingVersion);
        }
        return bumps.Count == 0 ? null : bumps;
    }

    /// <summary>What leaders and caseworkers write beside the figures.</summary>
    private static bool IsWriting(object entity) => entity is DeadlineMark or FigureNote or NoteExplanation or FigureNoteVersion or FigureExpectation or FigureAction;

    private sealed record Pending(IDbContextTransaction? Own, List<string> Bumps);
}
