using HelpDesk.Contracts;

namespace HelpDesk.Routing.Api;

/// <summary>A new version of an item: its definition, and (write-only) the fulfilment webhook secret; generated when the item automates and has none.</summary>
public sealed record CatalogVersionRequest(CatalogItemDefinition? Definition, string? AutomationSecret = null);
