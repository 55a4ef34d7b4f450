namespace HelpDesk.Messaging.Inbox;

/// <summary>A message a consumer has fully handled; written in the handler's own transaction.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public required string Consumer { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
