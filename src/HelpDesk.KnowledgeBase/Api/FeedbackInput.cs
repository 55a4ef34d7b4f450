namespace HelpDesk.KnowledgeBase.Api;

public sealed record FeedbackInput(bool? Helpful, string? Comment = null, Guid? TicketId = null);
