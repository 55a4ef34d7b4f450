using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Messaging.Inbox;

/// <summary>The inbox row of a consumed message, written first in its handler's transaction (see <see cref="IdempotentConsumer{TMessage, TContext}"/>).</summary>
internal static class InboxQueries
{
    /// <summary>
    /// Inserts the (message, consumer) row unless it exists; true when this transaction inserted it. One statement
    /// for what was a look-up and a tracked insert at SaveChanges. On PostgreSQL, a copy whose transaction inserted the
    /// same key and has not ended makes this wait for its outcome: nothing if it commits, the row if it rolls back.
    /// </summary>
    public static async Task<bool> TryRecordAsync(ServiceDbContext db, Guid messageId, string consumer, DateTimeOffset processedAt, CancellationToken cancellationToken)
    {
        // SQLite keeps Guid as upper-case text (EF's SQLite mapping) and times as UTC ticks (ServiceDbContext).
        object id = db.Database.IsSqlite() ? messageId.ToString().ToUpperInvariant() : messageId;
        return await db.Database.ExecuteSqlRawAsync(RecordSql, [id, consumer, db.Database.TimeParameter(processedAt)], cancellationToken) == 1;
    }

    private const string RecordSql = """
        INSERT INTO inbox_messages ("MessageId", "Consumer", "ProcessedAt") VALUES ({0}, {1}, {2})
        ON CONFLICT DO NOTHING
        """;
}
