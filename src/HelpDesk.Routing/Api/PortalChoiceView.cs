namespace HelpDesk.Routing.Api;

public sealed record PortalChoiceView(string Key, string Label, string? Description, TicketType Type, string? Category, string? CatalogItem)
{
    public static PortalChoiceView From(PortalChoice c) => new(c.Key, c.Label, c.Description, c.Type, c.Category, c.CatalogItem);
}
