using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>Deletes idempotency keys past their window, so the table holds about one window of submissions.</summary>
public sealed class IdempotencyKeyPurger(IServiceScopeFactory scopes, TimeProvider time, ILogger<IdempotencyKeyPurger> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
                var now = time.GetUtcNow();
                var purged = await db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Purged {Count} expired idempotency keys", purged);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Purging expired idempotency keys failed; trying again later");
            }
        }
    }
}
