namespace HelpDesk.Routing.Domain;

/// <summary>What routing looks at in a ticket (from TicketSubmitted or an explain request).</summary>
public sealed record TicketFacts(
    TicketType Type,
    TicketChannel Channel,
    string? Organisation,
    string Subject,
    string Description,
    IReadOnlyList<string> Tags,
    string? CatalogItem = null,
    string? Language = null);
