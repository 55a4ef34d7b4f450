using HelpDesk.Contracts;

namespace HelpDesk.KnowledgeBase.Api;

public sealed record ArticleView(
    Guid Id, int Version, string Title, string Body, string Language, string Category, IReadOnlyList<string> Tags,
    ArticleVisibility Visibility, int LatestVersion, int? PublishedVersion, int HelpfulCount, int NotHelpfulCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>What editors see: the latest edit and the publication state.</summary>
    public static ArticleView Latest(Article a) =>
        new(a.Id, a.LatestVersion, a.Title, a.Body, a.Language, a.Category, a.Tags, a.Visibility, a.LatestVersion, a.PublishedVersion, a.HelpfulCount, a.NotHelpfulCount, a.CreatedAt, a.UpdatedAt);

    /// <summary>What readers see: the published version.</summary>
    public static ArticleView Published(Article a, ArticleVersion v) =>
        new(a.Id, v.Version, v.Title, v.Body, v.Language, v.Category, v.Tags, a.Visibility, v.Version, a.PublishedVersion, a.HelpfulCount, a.NotHelpfulCount, a.CreatedAt, a.UpdatedAt);
}
