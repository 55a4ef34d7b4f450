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
        // All or nothing: any failure rolls the whole transaction back (below), nothing inside catches a failed
        // SaveChanges and goes on. EF's automatic savepoint around each SaveChanges in it would only cost a RELEASE
        // round trip (and a subtransaction) per SaveChanges on PostgreSQL.
        Db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        // One check, inside the transaction: on SQLite (one writer per database, BEGIN IMMEDIATE) it sees any copy
        // that committed before ours began; on PostgreSQL a copy still in flight is caught by the inbox key's unique
        // index at commit (below). A redelivery is rare, so checking before the transaction as well only cost a query.
        if (await AlreadyHandled(messageId, consumer, cancellationToken))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            MessagingMetrics.Duplicates.Add(1);
            logger.LogInformation("{Consumer} already handled message {MessageId}; dropping the redelivery", consumer, messageId);
            return;
        }
        try
        {
            await HandleAsync(context, cancellationToken);
        }
        catch (Exception exception) when (WriteConflicts.IsConflict(exception))
        {
            // A PostgreSQL deadlock or serialization failure inside the handler: the bus runs it again, as below.
            WriteConflicts.Record(consumer, "retried");
            throw;
        }
        Db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = DateTimeOffset.UtcNow });
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            Db.ChangeTracker.Clear();
            if (!await AlreadyHandled(messageId, consumer, CancellationToken.None))
            {
                if (WriteConflicts.IsConflict(exception))
                {
                    // The bus runs it again (WriteConflictRetry); counted so a hot row shows up before anything is parked.
                    WriteConflicts.Record(consumer, "retried");
                }
                throw;
            }
            // A concurrent delivery of the same message committed first; ours rolled back entirely.
            MessagingMetrics.Duplicates.Add(1);
            logger.LogInformation("{Consumer} handled message {MessageId} concurrently elsewhere; dropping this copy", consumer, messageId);
            return;
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

    private Task<bool> AlreadyHandled(Guid messageId, string consumer, CancellationToken cancellationToken) =>
        InboxQueries<TContext>.AlreadyHandled(Db, messageId, consumer, cancellationToken);
}
