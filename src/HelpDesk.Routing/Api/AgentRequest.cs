namespace HelpDesk.Routing.Api;

public sealed record AgentRequest(string? Name, string? Email, List<string>? Queues, List<string>? Skills, int? Capacity, bool? OnShift, DateTimeOffset? OutOfOfficeUntil);
