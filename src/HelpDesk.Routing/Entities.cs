using HelpDesk.Contracts;

namespace HelpDesk.Routing;

public enum AssignmentStrategy { RoundRobin, LeastLoaded, SkillsMatch }

/// <summary>Where a routed ticket stands in this service: waiting for approval, for an agent, assigned, or done.</summary>
public enum RoutedTicketState { AwaitingApproval, Waiting, Assigned, Done, Rejected }

/// <summary>An ordered routing rule: every condition given must match (any value within a list), then its actions apply.</summary>
public sealed class RoutingRule
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public int Priority { get; set; }
    public bool Enabled { get; set; } = true;
    public List<TicketType> Types { get; set; } = [];
    public List<TicketChannel> Channels { get; set; } = [];
    public List<string> Organisations { get; set; } = [];
    public List<string> Keywords { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public required string Queue { get; set; }
    public string? Category { get; set; }
    public TicketPriority? PriorityOverride { get; set; }
    public List<string> AddTags { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class RoutingQueue
{
    public required string Name { get; set; }
    public AssignmentStrategy Strategy { get; set; } = AssignmentStrategy.LeastLoaded;

    /// <summary>Round-robin position: the id of the agent who got the previous ticket.</summary>
    public string? LastAssignedAgentId { get; set; }
}

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

public sealed class CatalogItem
{
    public required string Key { get; set; }
    public required string Name { get; set; }
    public bool PreApproved { get; set; }
    public string? Approver { get; set; }
    public List<string> Keywords { get; set; } = [];
}

public sealed class PortalChoice
{
    public required string Portal { get; set; }
    public int Order { get; set; }
    public required string Key { get; set; }
    public required string Label { get; set; }
    public string? Description { get; set; }
    public TicketType Type { get; set; }
    public string? Category { get; set; }
    public string? CatalogItem { get; set; }
}

/// <summary>A ticket this service routed: its decision, approval and assignment, and whether it still loads its agent.</summary>
public sealed class RoutedTicket
{
    public Guid TicketId { get; set; }
    public required string TicketNumber { get; set; }
    public TicketType Type { get; set; }
    public TicketChannel Channel { get; set; }
    public required string Subject { get; set; }
    public required string Description { get; set; }
    public List<string> Tags { get; set; } = [];
    public required string Queue { get; set; }
    public required string Category { get; set; }
    public required string DecidedBy { get; set; }
    public double? Confidence { get; set; }
    public string? Explanation { get; set; }
    public TicketPriority? PriorityOverride { get; set; }
    public string? CatalogItem { get; set; }
    public ApprovalState Approval { get; set; }
    public string? Approver { get; set; }
    public string? ApprovalDecidedBy { get; set; }
    public RoutedTicketState State { get; set; }
    public string? AgentId { get; set; }
    public string? AssignmentStrategy { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>True while the ticket counts towards its agent's open tickets.</summary>
    public bool IsOpen { get; set; } = true;
}
