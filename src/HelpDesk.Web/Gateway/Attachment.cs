namespace HelpDesk.Web.Gateway;

public sealed record Attachment(string Name, string ContentType, long SizeBytes, string? Url);
