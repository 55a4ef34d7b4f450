namespace HelpDesk.Notifications.Consumers;

/// <summary>An event that would tell the requester arrived before its ticket's TicketSubmitted; retried shortly.</summary>
public sealed class TicketNotYetSubmittedException(Guid ticketId)
    : Exception($"Ticket {ticketId}: its submission has not been consumed yet, so the requester's address is unknown; retrying.");
