namespace HelpDesk.Routing.Domain;

public sealed class Agent
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public List<string> Queues { get; set; } = [];
    public List<string> Skills { get; set; } = [];

    /// <summary>Most open tickets the agent takes at once.</summary>
    public int Capacity { get; set; } = 10;
    public bool OnShift { get; set; } = true;
    public DateTimeOffset? OutOfOfficeUntil { get; set; }
    public DateTimeOffset? LastAssignedAt { get; set; }

    /// <summary>Open tickets assigned to the agent, kept in the same transactions that assign, resolve and reopen them.</summary>
    public int OpenTickets { get; set; }

    /// <summary>Optimistic concurrency token: concurrent writers of one agent (e.g. two replicas) cannot lose an update.</summary>
    public long Version { get; set; }

    public bool IsAvailable(DateTimeOffset now) => OnShift && (OutOfOfficeUntil is null || OutOfOfficeUntil <= now);
}
