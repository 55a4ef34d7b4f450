
namespace HelpDesk.KnowledgeBase.Domain;

/// <summary>
/// An article: its latest edited content (the newest <see cref="ArticleVersion"/>), and which version, if any,
/// is published and to whom. Every edit is a new version; publishing picks a version. The article owns its
/// transitions: each returns an <see cref="ArticleResult"/> with the rows to add and the events to publish.
/// </summary>
public sealed class Article
{
    public const int MaxTitleLength = 300;
    public const int MaxBodyLength = 100_000;
    public const int MaxLabelLength = 64;
    public const int MaxTags = 20;
    public const int MaxCommentLength = 2000;

    /// <summary>Publishing makes an article published or internal, never a draft (that is withdrawing).</summary>
    public static readonly ArticleError PublishAsDraft =
        ArticleError.Invalid("visibility", "Publish as published or internal; use /withdraw to make an article a draft again.");

    private Article()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public string Language { get; private set; } = "";

    public string Category { get; private set; } = "";

    public List<string> Tags { get; private set; } = [];

    public int LatestVersion { get; private set; }

    /// <summary>The version readers see; null while never published or after withdrawal.</summary>
    public int? PublishedVersion { get; private set; }

    /// <summary>Draft: not searchable. Published: everyone. Internal: agents only (scope kb:internal).</summary>
    public ArticleVisibility Visibility { get; private set; }

    /// <summary>Increases with every change of what the search index must hold (publish, withdraw, delete).</summary>
    public long Revision { get; private set; }

    public DateTimeOffset StateChangedAt { get; private set; }

    public bool Deleted { get; private set; }

    public int HelpfulCount { get; private set; }

    public int NotHelpfulCount { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A new draft at version 1.</summary>
    public static (Article Article, ArticleResult Result) Create(ArticleContent content, string? author, DateTimeOffset now, Guid? id = null)
    {
        var article = new Article
        {
            Id = id ?? Guid.CreateVersion7(),
            LatestVersion = 0,
            Visibility = ArticleVisibility.Draft,
            StateChangedAt = now,
            CreatedAt = now,
        };
        return (article, article.Edit(content, expectedVersion: null, author, now));
    }

    /// <summary>A new version; readers keep the published one until this version is published.</summary>
    public ArticleResult Edit(ArticleContent content, int? expectedVersion, string? author, DateTimeOffset now)
    {
        if (expectedVersion is { } expected && expected != LatestVersion)
        {
            return ArticleResult.Fail(ArticleError.Conflict("Edited meanwhile", $"expectedVersion is {expected} but the latest version is {LatestVersion}."));
        }
        (Title, Body, Language, Category, Tags) = (content.Title, content.Body, content.Language, content.Category, [.. content.Tags]);
        LatestVersion++;
        UpdatedAt = now;
        var version = new ArticleVersion
        {
            ArticleId = Id,
            Version = LatestVersion,
            Title = Title,
            Body = Body,
            Language = Language,
            Category = Category,
            Tags = [.. Tags],
            Author = author,
            CreatedAt = now,
        };
        return ArticleResult.Ok() with { NewVersion = version };
    }

    /// <summary>Shows <paramref name="version"/> (the one numbered <paramref name="number"/>, null if missing) to readers.</summary>
    public ArticleResult Publish(int number, ArticleVersion? version, ArticleVisibility visibility, DateTimeOffset now)
    {
        if (visibility == ArticleVisibility.Draft)
        {
            return ArticleResult.Fail(PublishAsDraft);
        }
        if (version is null || version.ArticleId != Id || version.Version != number)
        {
            return ArticleResult.Fail(ArticleError.Invalid("version", $"Article {Id} has no version {number}."));
        }
        PublishedVersion = number;
        Visibility = visibility;
        ChangeState(now);
        return ArticleResult.Ok(new KbArticlePublished(Id, number, version.Title, version.Body, version.Language, version.Category, version.Tags, visibility, now, Revision));
    }

    /// <summary>Back to draft: leaves search. Withdrawing a draft changes nothing.</summary>
    public ArticleResult Withdraw(DateTimeOffset now) =>
        Visibility == ArticleVisibility.Draft ? ArticleResult.Ok() : TakeDown(now);

    /// <summary>Soft delete; the index gets a tombstone even for a draft, so no stale copy survives anywhere.</summary>
    public ArticleResult Delete(DateTimeOffset now)
    {
        Deleted = true;
        return TakeDown(now);
    }

    /// <summary>True when a reader who may (or may not) see internal articles can read the published version.</summary>
    public bool IsPublishedFor(bool seesInternal) =>
        !Deleted && PublishedVersion is not null &&
        (Visibility == ArticleVisibility.Published || (Visibility == ArticleVisibility.Internal && seesInternal));

    /// <summary>Counts a reader's verdict on the published version.</summary>
    public ArticleResult RecordFeedback(bool helpful, string? comment, Guid? ticketId, string? requester, bool seesInternal, DateTimeOffset now)
    {
        if (!IsPublishedFor(seesInternal))
        {
            return ArticleResult.Fail(ArticleError.NotFound());
        }
        if (helpful)
        {
            HelpfulCount++;
        }
        else
        {
            NotHelpfulCount++;
        }
        var feedback = new ArticleFeedback
        {
            Id = Guid.CreateVersion7(),
            ArticleId = Id,
            Version = PublishedVersion!.Value,
            Helpful = helpful,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            TicketId = ticketId,
            Requester = requester,
            CreatedAt = now,
        };
        return ArticleResult.Ok() with { Feedback = feedback };
    }

    /// <summary>Categories and tags are matched exactly by filters and facets, so they are stored lower-case.</summary>
    public static string NormalizeLabel(string label) => label.Trim().ToLowerInvariant();

    private ArticleResult TakeDown(DateTimeOffset now)
    {
        var version = PublishedVersion ?? LatestVersion;
        PublishedVersion = null;
        Visibility = ArticleVisibility.Draft;
        ChangeState(now);
        return ArticleResult.Ok(new KbArticleWithdrawn(Id, version, now, Revision));
    }

    private void ChangeState(DateTimeOffset now)
    {
        Revision++;
        StateChangedAt = now;
        UpdatedAt = now;
    }
}
