using System.Diagnostics.Metrics;
using HelpDesk.ServiceDefaults;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// A write that lost a race with another transaction: a concurrency token moved under it (<see cref="DbUpdateConcurrencyException"/>),
/// two requests inserted the same new key (an upsert's insert), or PostgreSQL aborted it (serialization failure,
/// deadlock). Such a request did nothing wrong: run it again on fresh state (<see cref="RunAsync{T}"/>), and when it
/// keeps losing answer 409 (<see cref="WriteConflictExceptionHandler"/>) — never a 500.
/// </summary>
public static class WriteConflicts
{
    /// <summary>Attempts of one request before it is answered 409 (n writers of one row need up to n: one wins each time).</summary>
    public const int MaxAttempts = 8;

    private static readonly Counter<long> Conflicts = HelpDeskTelemetry.Meter.CreateCounter<long>(
        "helpdesk.db.write_conflicts", description: "Writes that lost a race with another transaction, by operation and outcome (retried, refused)");

    /// <summary>
    /// Runs <paramref name="attempt"/> (load, change, SaveChanges) in its own transaction and commits; a lost race rolls
    /// back, forgets everything the attempt loaded or added (outbox rows included) and runs it again.
    /// </summary>
    public static async Task<T> RunAsync<T>(DbContext db, string operation, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var attempts = 1; ; attempts++)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await attempt(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception exception) when (IsConflict(exception))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                if (attempts >= MaxAttempts)
                {
                    Record(operation, "refused");
                    throw;
                }
                Record(operation, "retried");
                // Jitter: the requests that collided would otherwise collide again in the same order.
                await Task.Delay(Random.Shared.Next(1, 10 * attempts), cancellationToken);
            }
        }
    }

    /// <summary>Counts a conflict (e.g. one a handler answered itself).</summary>
    public static void Record(string operation, string outcome) =>
        Conflicts.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) is a lost race rather than a bad request or a fault.</summary>
    public static bool IsConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case DbUpdateConcurrencyException:
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555): two inserts of one new key.
                case SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }:
                    return true;
            }
        }
        return false;
    }
}
