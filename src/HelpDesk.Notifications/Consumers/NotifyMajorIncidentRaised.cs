namespace HelpDesk.Notifications.Consumers;

/// <summary>
/// A major-incident candidate: the queue hears once. The candidate is not a ticket, so it gets a projection of its own
/// (number <c>MI-…</c>) that carries the queue for the planner.
/// </summary>
public sealed class NotifyMajorIncidentRaised(NotificationsDbContext db, DeliveryPlanner planner, RequesterHold hold, DeliverySignal signal, TimeProvider time, ILogger<NotifyMajorIncidentRaised> logger)
    : NotificationConsumer<MajorIncidentCandidateRaised>(db, planner, hold, signal, time, logger)
{
    protected override TicketProjection Identify(MajorIncidentCandidateRaised message) =>
        new() { TicketId = message.MajorIncidentId, TicketNumber = $"MI-{message.MajorIncidentId.ToString("N")[^8..]}" };

    protected override void Apply(TicketProjection ticket, MajorIncidentCandidateRaised message, DateTimeOffset now)
    {
        ticket.Queue = message.Queue;
        ticket.Subject ??= $"{message.Category} incidents in {message.Queue}";
        ticket.UpdatedAt = now;
    }

    protected override NotificationEvent Announce(MajorIncidentCandidateRaised message, Guid messageId, TicketProjection ticket) =>
        new(NotificationEventTypes.MajorIncidentRaised, messageId, message.RaisedAt, message, ticket);
}
