namespace HelpDesk.Web.Gateway;

/// <summary>One of the portal's 4–6 entry points (routing's portal configuration).</summary>
public sealed record PortalChoice(string Key, string Label, string? Description, string Type, string? Category, string? CatalogItem);
