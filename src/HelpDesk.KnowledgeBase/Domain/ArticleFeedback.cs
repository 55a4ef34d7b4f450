namespace HelpDesk.KnowledgeBase.Domain;

/// <summary>A reader's helpful / not helpful verdict on one published version, with an optional comment.</summary>
public sealed class ArticleFeedback
{
    public Guid Id { get; set; }

    public Guid ArticleId { get; set; }

    public int Version { get; set; }

    public bool Helpful { get; set; }

    public string? Comment { get; set; }

    public Guid? TicketId { get; set; }

    /// <summary>Who gave it, when known (a requester key): "helpful" without a ticket afterwards counts as deflection.</summary>
    public string? Requester { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
