using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Persistence;

/// <summary>One view for the access log: who, when, on which page, doing what, and the cases it showed.</summary>
public sealed record AccessLogView(DateTime At, string UserName, string? EmployeeId, string Page, string Action, IReadOnlyCollection<string?> CaseIds);

/// <summary>
/// Group commit for the access log. Every view of cases is logged before its page is sent, and a team leader's list is
/// some 250 rows. Written by each request on its own, those writes queued for SQLite's single writer lock, each blocking
/// a pool thread while it waited, and the pages that log nothing waited for threads behind them (docs/performance.md).
/// Here one thread of its own writes: a request hands over its view and waits, without holding a thread, until the
/// transaction that holds them has committed. What arrives while one transaction is being written goes into the next,
/// together, so a busy morning costs fewer and larger transactions instead of more of them.
/// </summary>
public sealed class AccessLogWriter : IDisposable
{
    private const int MaxViewsPerTransaction = 256;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// What the writer's thread sleeps on while the queue is empty, without spinning first. Blocking on the channel's
    /// task spins before it sleeps, and in a profile of the realistic mix that spinning between views was the largest
    /// single item (docs/performance.md, "Session of 2026-12-03 (evening)").
    /// </summary>
    private readonly ManualResetEventSlim arrived = new(false, spinCount: 0);
    private readonly DbContextOptions<LedelsesInfoDbContext> options;
    private readonly Thread thread;
    private LedelsesInfoDbContext? db;
    private int transactions;

    public AccessLogWriter(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = new DbContextOptionsBuilder<LedelsesInfoDbContext>();
        settings.Configure(builder);
        options = builder.Options;
        thread = new Thread(Run) { IsBackground = true, Name = "Adgangslog" };
        thread.Start();
    }

    /// <summary>Transactions committed so far: views written together share one.</summary>
    public int Transactions => Volatile.Read(ref transactions);

    /// <summary>Completes when the view is committed; fails with the database's error when they could not be.</summary>
    public Task AppendAsync(AccessLogView view, CancellationToken cancellationToken)
    {
        var pending = new Pending(view, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AccessLogWriter), "Adgangsloggen er lukket; visningen kan ikke logges.");
        }
        // A request that is given up still has its view written: the page may have been computed for someone.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Readies the writer before the portal listens: its own context (and with it EF's model for its options) and
    /// connection, and the statement, run once in a transaction that is rolled back. The first view of a case after a
    /// start then does not pay for them (about 0.7 s on `large` on two slow cores), and nothing is written.
    /// </summary>
    public Task RehearseAsync(CancellationToken cancellationToken)
    {
        var rehearsal = new Pending(new AccessLogView(DateTime.UnixEpoch, "opstart", null, "opstart", "opstart", ["opstart"]),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Rehearsal: true);
        if (!queue.Writer.TryWrite(rehearsal))
        {
            throw new ObjectDisposedException(nameof(AccessLogWriter), "Adgangsloggen er lukket.");
        }
        return rehearsal.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes what is queued, then stops: no line handed over before shutdown is lost.</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        thread.Join();
        Reset();
        arrived.Dispose();
    }

    private void Run()
    {
        var batch = new List<Pending>();
        while (WaitForViews())
        {
            while (batch.Count < MaxViewsPerTransaction && queue.Reader.TryRead(out var pending))
            {
                if (pending.Rehearsal)
                {
                    Rehearse(pending);
                    continue;
                }
                batch.Add(pending);
            }
            if (batch.Count > 0)
            {
                Write(batch);
                batch.Clear();
            }
        }
    }

    /// <summary>Whether there is more to write: at once if a view is queued, else after sleeping until one is, or false once closed.</summary>
    private bool WaitForViews()
    {
        var wait = queue.Reader.WaitToReadAsync().AsTask();
        if (!wait.IsCompleted)
        {
            arrived.Reset();
            wait.GetAwaiter().UnsafeOnCompleted(arrived.Set);
            arrived.Wait();
        }
        return wait.GetAwaiter().GetResult(); // completed: no wait
    }

    private void Write(List<Pending> batch)
    {
        try
        {
            var context = Connection();
            using var transaction = AccessLogFile.BeginLogTransaction(context);
            foreach (var pending in batch)
            {
                context.InsertAccessLog(pending.View);
            }
            transaction.Commit();
            Interlocked.Increment(ref transactions);
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            Reset();
            // One bad view must not fail the others: each is written alone, and each request hears only of its own error.
            foreach (var pending in batch)
            {
                Write([pending]);
            }
        }
#pragma warning disable CA1031 // the error belongs to the request that waits for it, not to this thread
        catch (Exception e)
#pragma warning restore CA1031
        {
            Reset();
            batch[0].Done.TrySetException(e);
        }
    }

    private void Rehearse(Pending rehearsal)
    {
        try
        {
            var context = Connection();
            using var transaction = AccessLogFile.BeginLogTransaction(context);
            context.InsertAccessLog(rehearsal.View);
            transaction.Rollback();
            rehearsal.Done.TrySetResult();
        }
#pragma warning disable CA1031 // the error belongs to the warm-up that waits for it, not to this thread
        catch (Exception e)
#pragma warning restore CA1031
        {
            Reset();
            rehearsal.Done.TrySetException(e);
        }
    }

    /// <summary>The writer's one connection, kept open between transactions; opened again after an error.</summary>
    private LedelsesInfoDbContext Connection()
    {
        if (db is null)
        {
            db = new LedelsesInfoDbContext(options);
            db.Database.OpenConnection();
        }
        return db;
    }

    private void Reset()
    {
        db?.Dispose();
        db = null;
    }

    private sealed record Pending(AccessLogView View, TaskCompletionSource Done, bool Rehearsal = false);
}
