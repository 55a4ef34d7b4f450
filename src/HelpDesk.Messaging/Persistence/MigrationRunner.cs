using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// The start-up rule shared by a service and the <c>migrate</c> command: wait for a database that is still starting,
/// then apply the pending migrations (<see cref="MigrationMode.Apply"/>) or wait until a migrator has applied them
/// (<see cref="MigrationMode.Verify"/>); refuse a database that is ahead of the code, at once.
/// </summary>
internal static class MigrationRunner
{
    public static async Task<MigrationStatus> RunAsync(IServiceDatabaseMigrator migrator, MigrationMode mode, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await TryBringUpToDateAsync(migrator, mode, logger, cancellationToken) is { } current)
                {
                    return current;
                }
            }
            catch (Exception ex) when (IsTransient(ex) && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Database {Database} not ready (attempt {Attempt}): {Error}", migrator.Database, attempt, ex.Message);
            }
            if (DateTime.UtcNow >= deadline)
            {
                var status = await migrator.GetStatusAsync(cancellationToken);
                throw new DatabaseMigrationException(
                    $"The {migrator.Database} database still has {status.Pending.Count} pending migration(s) ({string.Join(", ", status.Pending)}) " +
                    $"after {timeout}; HelpDesk:Database:Migrations is Verify, so a migrator must apply them " +
                    "(the '<service>-migrate' Job, or 'dotnet HelpDesk.<Service>.dll migrate').");
            }
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
        }
    }

    private static async Task<MigrationStatus?> TryBringUpToDateAsync(IServiceDatabaseMigrator migrator, MigrationMode mode, ILogger logger, CancellationToken cancellationToken)
    {
        if (mode == MigrationMode.Apply)
        {
            return await migrator.MigrateAsync(cancellationToken);
        }
        var status = await migrator.GetStatusAsync(cancellationToken);
        status.ThrowIfAhead();
        if (status.Pending.Count == 0)
        {
            logger.LogInformation("{Database} is at migration {Migration}", migrator.Database, status.Applied[^1]);
            return status;
        }
        logger.LogInformation("Waiting for the migrator: {Database} has {Count} pending migration(s)", migrator.Database, status.Pending.Count);
        return null;
    }

    private static bool IsTransient(Exception ex) =>
        ex is not DatabaseMigrationException and not OperationCanceledException and not SqliteException { SqliteErrorCode: 26 } &&
        (ex is DbException or TimeoutException or RetryLimitExceededException || ex.InnerException is DbException);
}
