namespace HelpDesk.Notifications.Domain;

public sealed class TemplateOverride
{
    public required string EventType { get; set; }

    public required string Language { get; set; }

    public required string Subject { get; set; }

    public required string Text { get; set; }

    public string? Html { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
