namespace HelpDesk.Routing.Infrastructure;

public sealed class PortalChoiceSeed
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public string? Description { get; set; }
    public TicketType Type { get; set; } = TicketType.Incident;
    public string? Category { get; set; }
    public string? CatalogItem { get; set; }
}
