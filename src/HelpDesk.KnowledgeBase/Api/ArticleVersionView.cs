namespace HelpDesk.KnowledgeBase.Api;

public sealed record ArticleVersionView(int Version, string Title, string Body, string Language, string Category, IReadOnlyList<string> Tags, string? Author, DateTimeOffset CreatedAt, bool Published)
{
    public static ArticleVersionView From(ArticleVersion v, Article a) =>
        new(v.Version, v.Title, v.Body, v.Language, v.Category, v.Tags, v.Author, v.CreatedAt, a.PublishedVersion == v.Version);
}
