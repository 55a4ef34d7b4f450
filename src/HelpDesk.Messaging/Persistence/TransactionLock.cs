using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// Serialises transactions that decide on the same thing (a queue's assignments, a storm's group) where a concurrency
/// token cannot: the race is between rows that do not exist yet or that neither side writes (write skew under READ
/// COMMITTED). On PostgreSQL a transaction-scoped advisory lock keyed by name, held until commit or rollback; on SQLite
/// nothing, since its transactions begin IMMEDIATE and writers are serialised already. Take it before reading what the
/// decision depends on: a statement after the wait sees what the previous holder committed.
/// </summary>
public static class TransactionLock
{
    /// <summary>Waits for the lock named <paramref name="key"/> (exclusive, or shared with other shared holders).</summary>
    public static async Task AcquireAsync(DbContext db, string key, bool shared, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        if (shared)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared(hashtext({key}))", cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", cancellationToken);
        }
    }
}
