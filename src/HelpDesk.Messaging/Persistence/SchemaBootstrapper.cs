using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// Creates the service's schema on start (the same model on SQLite and PostgreSQL), waiting for a database
/// that is still starting. Runs before the bus and the outbox dispatcher, so no message meets a missing table.
/// </summary>
internal sealed class SchemaBootstrapper<TContext>(IServiceScopeFactory scopes, ILogger<SchemaBootstrapper<TContext>> logger) : IHostedService
    where TContext : ServiceDbContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                if (db.Database.IsSqlite())
                {
                    // WAL lets readers proceed while one writer commits; the busy timeout queues writers instead of failing.
                    await db.Database.OpenConnectionAsync(cancellationToken);
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                }
                await db.Database.EnsureCreatedAsync(cancellationToken);
                logger.LogInformation("Schema of {Context} ready ({Provider})", typeof(TContext).Name, db.Database.ProviderName);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && DateTime.UtcNow < deadline && ex is not SqliteException { SqliteErrorCode: 26 })
            {
                logger.LogWarning("Database of {Context} not ready (attempt {Attempt}): {Error}", typeof(TContext).Name, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
