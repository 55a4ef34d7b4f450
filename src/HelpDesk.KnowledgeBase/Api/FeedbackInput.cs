using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.KnowledgeBase.Api;

/// <param name="Requester">The requester a channel app gives feedback for (their e-mail), for the deflection report.</param>
public sealed record FeedbackInput(
    [ApiExample("true")] bool? Helpful, [ApiExample("\"Switching to IKEv2 fixed it.\"")] string? Comment = null, Guid? TicketId = null,
    [ApiExample("\"ada@example.org\"")] string? Requester = null);
