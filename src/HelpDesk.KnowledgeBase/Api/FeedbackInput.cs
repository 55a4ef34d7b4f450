namespace HelpDesk.KnowledgeBase.Api;

/// <param name="Requester">The requester a channel app gives feedback for (their e-mail), for the deflection report.</param>
public sealed record FeedbackInput(bool? Helpful, string? Comment = null, Guid? TicketId = null, string? Requester = null);
