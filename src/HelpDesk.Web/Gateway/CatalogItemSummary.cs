namespace HelpDesk.Web.Gateway;

/// <summary>A catalogue item as routing lists it: its current version (0 for a simple item) and whether it is retired.</summary>
public sealed record CatalogItemSummary(string Key, string Name, int CurrentVersion, bool Retired);
