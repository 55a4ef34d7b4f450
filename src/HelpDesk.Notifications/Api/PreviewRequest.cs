using System.Text.Json;

namespace HelpDesk.Notifications.Api;

/// <param name="Data">Fields merged over the event type's sample (e.g. {"body": "..."}), to see how real values render.</param>
public sealed record PreviewRequest(string? EventType, string? Language = null, string? Subject = null, string? Text = null, string? Html = null,
    JsonElement? Data = null, string? RecipientEmail = null, string? RecipientName = null);
