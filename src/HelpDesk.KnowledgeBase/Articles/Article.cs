using HelpDesk.Contracts;

namespace HelpDesk.KnowledgeBase.Articles;

/// <summary>
/// An article: its latest edited content (the newest <see cref="ArticleVersion"/>), and which version, if any,
/// is published and to whom. Every edit is a new version; publishing picks a version.
/// </summary>
public sealed class Article
{
    public const int MaxTitleLength = 300;
    public const int MaxBodyLength = 100_000;
    public const int MaxLabelLength = 64;

    public Guid Id { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    public required string Language { get; set; }

    public required string Category { get; set; }

    public List<string> Tags { get; set; } = [];

    public int LatestVersion { get; set; }

    /// <summary>The version readers see; null while never published or after withdrawal.</summary>
    public int? PublishedVersion { get; set; }

    /// <summary>Draft: not searchable. Published: everyone. Internal: agents only (scope kb:internal).</summary>
    public ArticleVisibility Visibility { get; set; }

    /// <summary>Increases with every change of what the search index must hold (publish, withdraw, delete).</summary>
    public long Revision { get; set; }

    public DateTimeOffset StateChangedAt { get; set; }

    public bool Deleted { get; set; }

    public int HelpfulCount { get; set; }

    public int NotHelpfulCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

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

public sealed class ArticleFeedback
{
    public Guid Id { get; set; }

    public Guid ArticleId { get; set; }

    public int Version { get; set; }

    public bool Helpful { get; set; }

    public string? Comment { get; set; }

    public Guid? TicketId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
