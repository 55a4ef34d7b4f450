namespace HelpDesk.KnowledgeBase.Domain;

/// <summary>One immutable edit of an article; publishing picks one of these.</summary>
public sealed class ArticleVersion
{
    public Guid ArticleId { get; set; }

    public int Version { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    public required string Language { get; set; }

    public required string Category { get; set; }

    public List<string> Tags { get; set; } = [];

    public string? Author { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
