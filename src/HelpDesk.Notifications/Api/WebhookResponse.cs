namespace HelpDesk.Notifications.Api;

/// <param name="Secret">Only returned when the endpoint is created: keep it to verify signatures.</param>
public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Active,
    DateTimeOffset CreatedAt, string CircuitState, string? Secret = null);
