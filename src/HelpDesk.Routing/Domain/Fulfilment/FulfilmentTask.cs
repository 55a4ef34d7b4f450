namespace HelpDesk.Routing.Domain;

/// <summary>A piece of a request's fulfilment for one team; tasks of the same step run in parallel.</summary>
public sealed class FulfilmentTask
{
    public Guid Id { get; set; }
    public Guid TicketId { get; set; }
    public required string TicketNumber { get; set; }
    public int Step { get; set; }
    public required string Name { get; set; }
    public string? Title { get; set; }
    public required string Queue { get; set; }
    public FulfilmentTaskStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }

    /// <summary>The request closed before this task was done: its team no longer sees it as open work.</summary>
    public void Cancel(string reason, DateTimeOffset now)
    {
        Status = FulfilmentTaskStatus.Cancelled;
        CompletedAt = now;
        Note = reason;
        Version++;
    }
}
