namespace HelpDesk.Web.Gateway;

public sealed record KbArticle(Guid Id, int Version, string Title, string Body, string Language, string Category, IReadOnlyList<string> Tags, int HelpfulCount, int NotHelpfulCount, DateTimeOffset UpdatedAt);
