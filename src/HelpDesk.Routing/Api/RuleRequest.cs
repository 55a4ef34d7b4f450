namespace HelpDesk.Routing.Api;

public sealed record RuleRequest(
    string? Name,
    int? Priority,
    bool? Enabled,
    List<TicketType>? Types,
    List<TicketChannel>? Channels,
    List<string>? Organisations,
    List<string>? Keywords,
    List<string>? Tags,
    string? Queue,
    string? Category,
    TicketPriority? PriorityOverride,
    List<string>? AddTags);
