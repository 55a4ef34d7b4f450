namespace HelpDesk.Notifications.Domain;

public sealed class TicketWatcher
{
    public Guid TicketId { get; set; }

    public required string Email { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}
