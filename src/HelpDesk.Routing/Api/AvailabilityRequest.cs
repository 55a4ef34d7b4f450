namespace HelpDesk.Routing.Api;

public sealed record AvailabilityRequest(bool? OnShift, DateTimeOffset? OutOfOfficeUntil);
