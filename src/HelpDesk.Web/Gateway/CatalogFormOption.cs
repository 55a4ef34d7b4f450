namespace HelpDesk.Web.Gateway;

public sealed record CatalogFormOption(string Value, string Label);
