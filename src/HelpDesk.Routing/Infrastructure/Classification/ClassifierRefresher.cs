using Microsoft.Extensions.Options;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// Brings a model activated on another replica into use here: every <see cref="ClassifierFileOptions.RefreshInterval"/>
/// one indexed query for the newest activation's id, and the model itself only when it changed.
/// </summary>
public sealed class ClassifierRefresher(TicketClassifier classifier, IOptionsMonitor<RoutingOptions> options, TimeProvider time, ILogger<ClassifierRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.CurrentValue.Classifier.RefreshInterval, time, stoppingToken);
            try
            {
                await classifier.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database is away (EF's RetryLimitExceededException is no DbException) or the row unreadable: keep
                // the model in use and look again next time. Letting it escape would stop the host — the CI fault suite
                // saw routing exit while PostgreSQL restarted, and no ticket was routed after that.
                logger.LogWarning(ex, "Could not check routing's database for a newer ticket classifier");
            }
        }
    }
}
