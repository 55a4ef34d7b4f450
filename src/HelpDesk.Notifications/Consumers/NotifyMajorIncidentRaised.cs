using HelpDesk.Contracts;
using HelpDesk.Notifications.Model;
using HelpDesk.Notifications.Sending;
using E = HelpDesk.Notifications.Model.NotificationEventTypes;

namespace HelpDesk.Notifications.Consumers;

/// <summary>
/// A major-incident candidate: the queue hears once. The candidate is not a ticket, so it gets a projection of its own
/// (number <c>MI-…</c>) that carries the queue for the planner.
/// </summary>
public sealed class NotifyMajorIncidentRaised(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifyMajorIncidentRaised> logger)
    : NotificationConsumer<MajorIncidentCandidateRaised>(db, planner, time, logger)
{
    protected override string EventType => E.MajorIncidentRaised;

    protected override (Guid, string, DateTimeOffset) Identify(MajorIncidentCandidateRaised m) => (m.MajorIncidentId, $"MI-{m.MajorIncidentId.ToString("N")[^8..]}", m.RaisedAt);

    protected override void Apply(TicketProjection ticket, MajorIncidentCandidateRaised m)
    {
        ticket.Queue = m.Queue;
        ticket.Subject ??= $"{m.Category} incidents in {m.Queue}";
    }
}
