using System.Text.Json;

namespace HelpDesk.Notifications.Domain;

/// <summary>
/// The requester's share of an event that overtook its ticket's TicketSubmitted: only the submission carries the
/// requester's address and language, so the event is kept here (written in its inbox transaction) and planned for the
/// requester when the submission is consumed. Staff and webhook deliveries of the event are planned at once.
/// </summary>
public sealed class HeldNotification
{
    public Guid Id { get; set; }

    /// <summary>The held event's message id: its deliveries keep the (event, recipient, channel) key of a direct plan.</summary>
    public Guid EventMessageId { get; set; }

    /// <summary>Public name (<see cref="NotificationEventTypes"/>), which also says which contract <see cref="EventData"/> holds.</summary>
    public required string EventType { get; set; }

    public Guid TicketId { get; set; }

    public required string TicketNumber { get; set; }

    /// <summary>The event as consumed (JSON of its contract).</summary>
    public required string EventData { get; set; }

    /// <summary>The ticket's projection just after the event (status, queue, assignee as they were then), as JSON.</summary>
    public required string TicketSnapshot { get; set; }

    public DateTimeOffset HeldAt { get; set; }

    public static HeldNotification Hold(NotificationEvent evt, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        EventMessageId = evt.MessageId,
        EventType = evt.Type,
        TicketId = evt.Ticket.TicketId,
        TicketNumber = evt.Ticket.TicketNumber,
        EventData = JsonSerializer.Serialize(evt.Data, evt.Data.GetType(), DeliveryPlanner.JsonOptions),
        TicketSnapshot = JsonSerializer.Serialize(evt.Ticket, DeliveryPlanner.JsonOptions),
        HeldAt = now,
    };

    /// <summary>The event as it would have been announced had <paramref name="submitted"/>'s requester been known when it was consumed.</summary>
    public NotificationEvent Release(TicketProjection submitted)
    {
        var contract = NotificationEventTypes.Find(EventType)?.ContractType
            ?? throw new InvalidOperationException($"Held notification {Id}: unknown event type {EventType}.");
        var data = (ITicketEvent)JsonSerializer.Deserialize(EventData, contract, DeliveryPlanner.JsonOptions)!;
        var ticket = JsonSerializer.Deserialize<TicketProjection>(TicketSnapshot, DeliveryPlanner.JsonOptions)!;
        return NotificationEvent.From(data, EventMessageId, ticket.WithRequesterOf(submitted));
    }
}
