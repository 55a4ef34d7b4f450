namespace HelpDesk.Routing.Api;

public sealed record RuleView(
    Guid Id, string Name, int Priority, bool Enabled,
    IReadOnlyList<TicketType> Types, IReadOnlyList<TicketChannel> Channels, IReadOnlyList<string> Organisations,
    IReadOnlyList<string> Keywords, IReadOnlyList<string> Tags,
    string Queue, string? Category, TicketPriority? PriorityOverride, IReadOnlyList<string> AddTags, DateTimeOffset UpdatedAt)
{
    public static RuleView From(RoutingRule r) => new(r.Id, r.Name, r.Priority, r.Enabled, r.Types, r.Channels, r.Organisations,
        r.Keywords, r.Tags, r.Queue, r.Category, r.PriorityOverride, r.AddTags, r.UpdatedAt);
}
