namespace HelpDesk.Identity.Api;

public sealed record RolesRequest(List<string>? Roles);
