using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;

namespace HelpDesk.Messaging.Outbox;

/// <summary>Notifies the context's <see cref="OutboxSignal{TContext}"/> whenever a transaction or a SaveChanges commits.</summary>
internal sealed class OutboxSignalInterceptor<TContext>(OutboxSignal<TContext> signal) : DbTransactionInterceptor, ISaveChangesInterceptor
    where TContext : DbContext
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        signal.Notify();
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => signal.Notify();

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        signal.Notify();
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        signal.Notify();
        return result;
    }
}
