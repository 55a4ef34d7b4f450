namespace HelpDesk.KnowledgeBase.Domain;

/// <summary>The articles suggested for a ticket when it was submitted (what the requester was offered).</summary>
public sealed class TicketSuggestions
{
    public Guid TicketId { get; set; }

    public required string TicketNumber { get; set; }

    public string? Language { get; set; }

    public DateTimeOffset SuggestedAt { get; set; }

    public List<SuggestedArticle> Articles { get; set; } = [];
}
