
namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

public sealed record SearchHit(
    Guid ArticleId,
    int Version,
    string Title,
    string Snippet,
    double Score,
    string Language,
    string Category,
    IReadOnlyList<string> Tags,
    ArticleVisibility Visibility);
