namespace HelpDesk.Routing.Infrastructure;

public sealed class RuleSeed
{
    public string Name { get; set; } = "";
    public int Priority { get; set; }
    public bool Enabled { get; set; } = true;
    public List<TicketType> Types { get; set; } = [];
    public List<TicketChannel> Channels { get; set; } = [];
    public List<string> Organisations { get; set; } = [];
    public List<string> Keywords { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public string Queue { get; set; } = "";
    public string? Category { get; set; }
    public TicketPriority? PriorityOverride { get; set; }
    public List<string> AddTags { get; set; } = [];
}
