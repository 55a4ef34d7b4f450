namespace HelpDesk.Notifications.Api;

public sealed record AttemptResponse(int Number, DateTimeOffset StartedAt, AttemptOutcome Outcome, double LatencyMs, int? StatusCode, string? Error, DateTimeOffset? RetryAt);
