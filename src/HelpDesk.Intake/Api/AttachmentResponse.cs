namespace HelpDesk.Intake.Api;

public sealed record AttachmentResponse(string Name, string? ContentType, long SizeBytes, string? Url);
