using MassTransit;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// Once Intake is up, asks Routing to publish every current catalogue version again: a new or restored Intake fills
/// its form replica without calling Routing, and an Intake whose queue was created after a version was published
/// still learns it. Published straight on the bus (not the outbox): it is repeated at every start, so a lost request
/// costs nothing that the next start or the next published version does not repair.
/// </summary>
internal sealed class CatalogSnapshotRequester(IBus bus, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<CatalogSnapshotRequester> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
        for (var attempt = 1; attempt <= 5 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await bus.Publish(new CatalogSnapshotRequested("intake", time.GetUtcNow()), stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Catalogue snapshot request failed (attempt {Attempt}): {Error}", attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), stoppingToken);
            }
        }
    }
}
