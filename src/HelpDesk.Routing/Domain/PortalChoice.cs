namespace HelpDesk.Routing.Domain;

/// <summary>One of a portal's top-level request choices, in display order.</summary>
public sealed class PortalChoice
{
    /// <summary>A portal offers a few well-chosen choices: enough to cover the common requests, few enough to scan.</summary>
    public const int MinPerPortal = 4;

    public const int MaxPerPortal = 6;

    public required string Portal { get; set; }
    public int Order { get; set; }
    public required string Key { get; set; }
    public required string Label { get; set; }
    public string? Description { get; set; }
    public TicketType Type { get; set; }
    public string? Category { get; set; }
    public string? CatalogItem { get; set; }
}
