using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;

namespace HelpDesk.Messaging.Outbox;

/// <summary>
/// Notifies the context's <see cref="OutboxSignal{TContext}"/> when outbox rows commit: at the commit of the
/// transaction that saved them, or at the end of a SaveChanges outside any transaction of the caller's.
/// </summary>
/// <remarks>
/// A commit without outbox rows (an inbox row, a state change) and a SaveChanges inside a transaction that has not
/// committed yet wake nobody: the dispatcher would only spend an empty claim on them (on PostgreSQL an UPDATE round
/// trip each, about three per ticket over the services), and a claim run just before the commit would not see the rows.
/// </remarks>
internal sealed class OutboxSignalInterceptor<TContext>(OutboxSignal<TContext> signal) : DbTransactionInterceptor, ISaveChangesInterceptor
    where TContext : DbContext
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData.Context);

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    /// <summary>
    /// Outside a transaction of the caller's the rows are committed once SaveChanges returns (EF's own transaction, if
    /// it needed one, committed and signalled already); inside one, the commit signals.
    /// </summary>
    private void Saved(DbContext? context)
    {
        if (context is { Database.CurrentTransaction: null })
        {
            Committed(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is ServiceDbContext { OutboxRowsQueued.Count: > 0 } db)
        {
            // A row not saved has no sequence yet (0): say "unknown", which always makes the dispatcher claim.
            var rows = db.OutboxRowsQueued;
            var upTo = rows.Exists(r => r.Sequence == 0) ? long.MaxValue : rows.Max(r => r.Sequence);
            rows.Clear();
            signal.Notify(upTo);
        }
    }

    private static void RolledBack(DbContext? context)
    {
        if (context is ServiceDbContext db)
        {
            db.OutboxRowsQueued.Clear();
        }
    }
}
