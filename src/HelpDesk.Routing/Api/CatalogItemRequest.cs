namespace HelpDesk.Routing.Api;

public sealed record CatalogItemRequest(string? Name, bool? PreApproved, string? Approver, List<string>? Keywords);
