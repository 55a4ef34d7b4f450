namespace HelpDesk.KnowledgeBase.Domain;

/// <summary>One article offered for a ticket.</summary>
public sealed class SuggestedArticle
{
    public Guid ArticleId { get; set; }

    public required string Title { get; set; }

    public double Score { get; set; }

    public required string Snippet { get; set; }

    public string? Url { get; set; }
}
