namespace HelpDesk.Notifications.Api;

/// <summary>A requester notification waiting for its ticket's TicketSubmitted; overdue after Notifications:Delivery:HoldAlertAfter.</summary>
public sealed record HeldNotificationResponse(Guid Id, Guid EventMessageId, string EventType, Guid TicketId, string TicketNumber, DateTimeOffset HeldAt, bool Overdue);
