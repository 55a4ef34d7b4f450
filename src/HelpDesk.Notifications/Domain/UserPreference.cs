namespace HelpDesk.Notifications.Domain;

public sealed class UserPreference
{
    public required string Email { get; set; }

    public string? Language { get; set; }

    /// <summary>Comma-separated "eventType:channel" pairs the person does not want ("*" matches any).</summary>
    public string OptOuts { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
