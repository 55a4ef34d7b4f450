namespace HelpDesk.Notifications.Domain;

public sealed class WebhookEndpoint
{
    public Guid Id { get; set; }

    public required string Url { get; set; }

    public required string Secret { get; set; }

    /// <summary>Comma-separated event types; "*" means every event.</summary>
    public string EventTypes { get; set; } = "*";

    public string? Description { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> EventTypeList => EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Subscribes(string eventType) =>
        EventTypeList.Any(t => t == "*" || string.Equals(t, eventType, StringComparison.OrdinalIgnoreCase));
}
