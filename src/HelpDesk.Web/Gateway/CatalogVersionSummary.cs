namespace HelpDesk.Web.Gateway;

/// <summary>One entry of an item's version history.</summary>
public sealed record CatalogVersionSummary(int Version, DateTimeOffset PublishedAt, string PublishedBy);
