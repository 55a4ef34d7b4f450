namespace HelpDesk.Routing.Api;

public sealed record CatalogFormOptionView(string Value, string Label);
