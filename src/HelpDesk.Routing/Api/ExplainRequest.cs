namespace HelpDesk.Routing.Api;

public sealed record ExplainRequest(
    TicketType? Type, TicketChannel? Channel, string? Organisation, string? Subject, string? Description, List<string>? Tags, string? CatalogItem, string? Language = null);
