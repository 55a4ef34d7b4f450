namespace HelpDesk.KnowledgeBase.Domain;

/// <summary>Why an article transition was refused; <see cref="Field"/> names the input at fault when there is one.</summary>
public sealed record ArticleError(ArticleErrorKind Kind, string Title, string Detail, string? Field = null)
{
    public static ArticleError NotFound() => new(ArticleErrorKind.NotFound, "Not found", "No such article for this caller.");

    public static ArticleError Conflict(string title, string detail) => new(ArticleErrorKind.Conflict, title, detail);

    public static ArticleError Invalid(string field, string detail) => new(ArticleErrorKind.Invalid, "Invalid", detail, field);
}
