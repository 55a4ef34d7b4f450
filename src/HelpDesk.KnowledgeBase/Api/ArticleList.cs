namespace HelpDesk.KnowledgeBase.Api;

public sealed record ArticleList(int Total, int Page, int PageSize, IReadOnlyList<ArticleView> Items);
