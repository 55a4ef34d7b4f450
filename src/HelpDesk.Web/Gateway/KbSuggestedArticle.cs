namespace HelpDesk.Web.Gateway;

public sealed record KbSuggestedArticle(Guid ArticleId, string Title, double Score);
