namespace HelpDesk.Notifications.Api;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Secret = null, string? Description = null);
