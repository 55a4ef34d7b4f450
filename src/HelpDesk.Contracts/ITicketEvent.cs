namespace HelpDesk.Contracts;

/// <summary>
/// An event about one ticket: which ticket, and when it happened. Consumers that treat ticket events alike (a
/// projection, the SLA clocks, notifications) take every such event through this one shape instead of a class per
/// message type. Records implement <see cref="OccurredAt"/> explicitly from their own time member, so the wire
/// format is unchanged.
/// </summary>
public interface ITicketEvent
{
    Guid TicketId { get; }

    string TicketNumber { get; }

    /// <summary>When the event happened at its source (e.g. <c>SubmittedAt</c>, <c>ChangedAt</c>).</summary>
    DateTimeOffset OccurredAt { get; }
}
