namespace HelpDesk.Notifications.Domain;

/// <summary>An address that receives a queue's notifications (a team mailbox or a member).</summary>
public sealed class QueueContact
{
    public required string Queue { get; set; }

    public required string Email { get; set; }
}
