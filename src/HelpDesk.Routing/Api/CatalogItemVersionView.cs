using HelpDesk.Contracts;
using HelpDesk.Routing.Domain;

namespace HelpDesk.Routing.Api;

/// <summary>A version of an item. <c>AutomationSecret</c> is only present in the answer that generated or set it.</summary>
public sealed record CatalogItemVersionView(string Key, int Version, bool Current, bool Retired, DateTimeOffset PublishedAt, string PublishedBy, CatalogItemDefinition Definition, string? AutomationSecret = null)
{
    public static CatalogItemVersionView From(CatalogItemVersion v, CatalogItem head, string? secret = null) =>
        new(v.Key, v.Version, v.Version == head.CurrentVersion, head.Retired, v.PublishedAt, v.PublishedBy, v.Definition, secret);
}
