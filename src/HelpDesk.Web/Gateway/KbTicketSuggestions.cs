namespace HelpDesk.Web.Gateway;

/// <summary>The articles the knowledge base suggested for a ticket when it was submitted.</summary>
public sealed record KbTicketSuggestions(Guid TicketId, IReadOnlyList<KbSuggestedArticle> Articles);
