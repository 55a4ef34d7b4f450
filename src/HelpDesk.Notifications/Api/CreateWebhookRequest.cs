using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Notifications.Api;

public sealed record CreateWebhookRequest(
    [ApiExample("\"https://chat.example.org/hooks/helpdesk\"")] string? Url,
    [ApiExample("[\"ticket.submitted\", \"ticket.resolved\"]")] IReadOnlyList<string>? EventTypes,
    [ApiExample("\"at-least-32-characters-of-shared-secret\"")] string? Secret = null,
    [ApiExample("\"Team chat: new and resolved tickets\"")] string? Description = null);
