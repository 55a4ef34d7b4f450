namespace HelpDesk.Routing.Domain;

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
