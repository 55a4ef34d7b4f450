using System.Diagnostics.Metrics;
using HelpDesk.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>
/// Reports requester notifications held longer than <see cref="DeliveryOptions.HoldAlertAfter"/> for a TicketSubmitted
/// that has not come: a warning naming the tickets and the gauge helpdesk.notifications.held_overdue. Nothing is
/// dropped: they stay listed under GET /api/v1/notifications/held until the submission arrives or an operator discards them.
/// </summary>
public sealed class HeldNotificationMonitor : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptionsMonitor<NotificationsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HeldNotificationMonitor> _logger;
    private long _overdue;

    public HeldNotificationMonitor(IServiceScopeFactory scopes, IOptionsMonitor<NotificationsOptions> options, TimeProvider time,
        IMeterFactory meters, ILogger<HeldNotificationMonitor> logger)
    {
        (_scopes, _options, _time, _logger) = (scopes, options, time, logger);
        // A meter of this host's factory (not the static one): each host reports its own count.
        meters.Create(HelpDeskTelemetry.MeterName).CreateObservableGauge("helpdesk.notifications.held_overdue", () => Volatile.Read(ref _overdue),
            description: "Requester notifications held longer than Notifications:Delivery:HoldAlertAfter for their ticket's TicketSubmitted");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
                await Task.Delay(_options.CurrentValue.Delivery.HoldCheckInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A database outage must not end the monitor; try again after the interval.
                _logger.LogWarning(ex, "Checking held notifications failed");
                await Task.Delay(_options.CurrentValue.Delivery.HoldCheckInterval, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var alertAfter = _options.CurrentValue.Delivery.HoldAlertAfter;
        var cutoff = _time.GetUtcNow() - alertAfter;
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var overdue = db.HeldNotifications.AsNoTracking().Where(h => h.HeldAt < cutoff);
        var count = await overdue.LongCountAsync(cancellationToken);
        Volatile.Write(ref _overdue, count);
        if (count > 0)
        {
            var tickets = await overdue.Select(h => h.TicketNumber).Distinct().Order().Take(10).ToListAsync(cancellationToken);
            _logger.LogWarning("{Count} requester notification(s) held longer than {AlertAfter} waiting for their ticket's TicketSubmitted (tickets {Tickets}); " +
                "see GET /api/v1/notifications/held?overdue=true", count, alertAfter, string.Join(", ", tickets));
        }
    }
}
