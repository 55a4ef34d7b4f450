using HelpDesk.Messaging.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Messaging.Inbox;

/// <summary>
/// Base for consumers that change state: the handler's changes, any events it queues in the outbox and the
/// inbox row for this message commit in one transaction, so a redelivered message has no second effect.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
    where TContext : ServiceDbContext
{
    protected TContext Db { get; } = db;

    /// <summary>Name under which handled messages are remembered; stable across renames of the class if overridden.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
        var consumer = ConsumerName;
        var cancellationToken = context.CancellationToken;

        Db.ChangeTracker.Clear();
        await PrepareAsync(context, cancellationToken);
        // All or nothing: any failure rolls the whole transaction back (its disposal), nothing inside catches a failed
        // SaveChanges and goes on. EF's automatic savepoint around each SaveChanges in it would only cost a RELEASE
        // round trip (and a subtransaction) per SaveChanges on PostgreSQL.
        Db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        // The inbox row first, inside the transaction: a copy that committed before (SQLite: one writer per database,
        // BEGIN IMMEDIATE; PostgreSQL: its row is seen by the insert) leaves nothing to insert, and on PostgreSQL a
        // copy still in flight makes the insert wait for its outcome, so copies never run the handler side by side.
        if (!await InboxQueries.TryRecordAsync(Db, messageId, consumer, DateTimeOffset.UtcNow, cancellationToken))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            MessagingMetrics.Duplicates.Add(1);
            logger.LogInformation("{Consumer} already handled message {MessageId}; dropping the redelivery", consumer, messageId);
            return;
        }
        try
        {
            await HandleAsync(context, cancellationToken);
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (WriteConflicts.IsConflict(exception))
        {
            // A PostgreSQL deadlock, serialization failure or unique-key race inside the handler's work: the bus runs
            // it again (WriteConflictRetry); counted so a hot row shows up before anything is parked.
            WriteConflicts.Record(consumer, "retried");
            throw;
        }
        Committed();
    }

    /// <summary>
    /// Work that reads no state of this database (a search, a computation), done before the transaction begins so that
    /// it does not hold the database's writer (SQLite) or a transaction open meanwhile. Runs again on a redelivery.
    /// </summary>
    protected virtual Task PrepareAsync(ConsumeContext<TMessage> context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once this message's effects have committed (e.g. to wake a worker that acts on them).</summary>
    protected virtual void Committed()
    {
    }

    /// <summary>Applies the message to the service's state through <see cref="Db"/>; do not call SaveChanges.</summary>
    protected abstract Task HandleAsync(ConsumeContext<TMessage> context, CancellationToken cancellationToken);
}
