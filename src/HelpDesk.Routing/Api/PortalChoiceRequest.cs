namespace HelpDesk.Routing.Api;

public sealed record PortalChoiceRequest(string? Key, string? Label, string? Description, TicketType? Type, string? Category, string? CatalogItem);
