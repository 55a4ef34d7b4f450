namespace HelpDesk.Routing.Api;

public sealed record CompleteTaskRequest(string? Note, string? CompletedBy = null);
