namespace HelpDesk.Web.Gateway;

public sealed record KbArticleDeflection(Guid ArticleId, string Title, int Visits, int Helpful, int Deflected, double DeflectionRate);
