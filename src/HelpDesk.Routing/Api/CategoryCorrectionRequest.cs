namespace HelpDesk.Routing.Api;

public sealed record CategoryCorrectionRequest(string? Category, string? Agent);
