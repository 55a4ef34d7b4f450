namespace HelpDesk.Routing.Api;

public sealed record CatalogVersionSummary(int Version, DateTimeOffset PublishedAt, string PublishedBy);
