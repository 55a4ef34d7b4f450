using HelpDesk.Contracts;
using HelpDesk.Notifications.Model;
using HelpDesk.Notifications.Sending;
using E = HelpDesk.Notifications.Model.NotificationEventTypes;

namespace HelpDesk.Notifications.Consumers;

/// <summary>The duplicate's requester hears once that their ticket was merged (its closing is quiet); updates then come from the target.</summary>
public sealed class NotifyTicketMerged(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifyTicketMerged> logger)
    : NotificationConsumer<TicketMerged>(db, planner, time, logger)
{
    protected override string EventType => E.TicketMerged;

    protected override (Guid, string, DateTimeOffset) Identify(TicketMerged m) => (m.SourceTicketId, m.SourceTicketNumber, m.MergedAt);

    protected override void Apply(TicketProjection ticket, TicketMerged m)
    {
        ticket.RequesterEmail ??= m.SourceRequesterEmail;
        ticket.Status = TicketStatus.Closed;
    }
}
