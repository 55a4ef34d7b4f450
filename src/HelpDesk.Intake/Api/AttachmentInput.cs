namespace HelpDesk.Intake.Api;

public sealed record AttachmentInput(string? Name, string? ContentType, long? SizeBytes, string? Url);
