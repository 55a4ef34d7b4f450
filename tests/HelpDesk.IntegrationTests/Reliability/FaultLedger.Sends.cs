using HelpDesk.Contracts;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Reliability;

/// <summary>The sends: the notification service's own record compared with what the receivers logged.</summary>
public sealed partial class FaultLedger
{
    /// <summary>
    /// <see cref="ReadAsync"/>, then — once no delivery of the run is pending — the sends of both channels against
    /// what <paramref name="receivers"/> logged (<see cref="CheckSendsAsync"/>).
    /// </summary>
    public async Task<FaultLedgerReport> ReadWithSendsAsync(IReadOnlyDictionary<string, Guid> acknowledged, string subjectPrefix, SendReceivers receivers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        var report = await ReadAsync(acknowledged, subjectPrefix, cancellationToken);
        await Eventually.TrueAsync(async () => await PendingDeliveriesAsync(acknowledged, cancellationToken) == 0,
            TimeSpan.FromSeconds(180), "every delivery of the run to be sent or dead-lettered");
        await CheckSendsAsync(report, acknowledged, NotificationChannel.Email, receivers.EmailDeliveryIds(), cancellationToken);
        await CheckSendsAsync(report, acknowledged, NotificationChannel.Webhook, receivers.WebhookDeliveryIds(), cancellationToken);
        return report;
    }

    /// <summary>How many deliveries of the run's tickets are still Pending (retries under way).</summary>
    public async Task<int> PendingDeliveriesAsync(IReadOnlyDictionary<string, Guid> acknowledged, CancellationToken cancellationToken)
    {
        await using var notifications = Open<NotificationsDbContext>("notificationsdb");
        var ids = acknowledged.Values.ToList();
        return await notifications.Deliveries.AsNoTracking()
            .CountAsync(d => d.TicketId != null && ids.Contains(d.TicketId.Value) && d.Status == DeliveryStatus.Pending, cancellationToken);
    }

    /// <summary>
    /// Every delivery of the run's tickets marked <c>Delivered</c> on <paramref name="channel"/> must be in the
    /// receiver's log (<paramref name="received"/>: one delivery id per copy the receiver took): a miss is a
    /// discrepancy. A copy received more than once is counted, not failed (sends are at least once, receivers
    /// de-duplicate on the delivery id). A copy received for a delivery that is not <c>Delivered</c>, or that the
    /// service never recorded, is a discrepancy too: the service's record would be wrong.
    /// </summary>
    public async Task CheckSendsAsync(FaultLedgerReport report, IReadOnlyDictionary<string, Guid> acknowledged, NotificationChannel channel,
        IReadOnlyList<Guid> received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(received);
        await using var notifications = Open<NotificationsDbContext>("notificationsdb");
        var ids = acknowledged.Values.ToList();
        var deliveries = await notifications.Deliveries.AsNoTracking()
            .Where(d => d.TicketId != null && ids.Contains(d.TicketId.Value) && d.Channel == channel)
            .Select(d => new { d.Id, d.Status, d.EventType }).ToDictionaryAsync(d => d.Id, cancellationToken);
        var copies = received.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var name = channel.ToString().ToLowerInvariant();
        var delivered = deliveries.Values.Where(d => d.Status == DeliveryStatus.Delivered).ToList();
        report.Count($"{name} Delivered", delivered.Count);
        report.Count($"{name} received (distinct)", copies.Count);
        report.Count($"{name} received twice or more", copies.Count(c => c.Value > 1));
        report.Count($"{name} extra copies", copies.Values.Sum(c => c - 1));
        foreach (var missed in delivered.Where(d => !copies.ContainsKey(d.Id)))
        {
            report.Fail($"{name} delivery {missed.Id} ({missed.EventType}) is Delivered but its receiver never got it");
        }
        foreach (var id in copies.Keys)
        {
            if (!deliveries.TryGetValue(id, out var delivery))
            {
                report.Fail($"the {name} receiver got delivery {id}, which the notification service never recorded for this run");
            }
            else if (delivery.Status != DeliveryStatus.Delivered)
            {
                report.Fail($"the {name} receiver got delivery {id} ({delivery.EventType}), still {delivery.Status} in the notification service");
            }
        }
    }
}
