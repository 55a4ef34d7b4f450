using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Intake.Api;

/// <summary>
/// A comment; <c>isPublic</c> defaults to true. <c>author</c> and <c>authorKind</c> are accepted for compatibility and
/// ignored: the author and how the comment counts come from the caller's verified identity (see TicketAccess).
/// </summary>
public sealed record CommentRequest([ApiExample("\"It still jams after reseating the tray.\"")] string? Body, string? Author = null, CommentAuthorKind? AuthorKind = null, bool? IsPublic = null)
{
    public Validation Validate()
    {
        var validation = new Validation();
        var body = Body?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            validation.Add("body", "A comment body is required.");
        }
        validation
            .MaxLength(body, "body", TicketLimits.CommentMaxLength, $"A comment must be at most {TicketLimits.CommentMaxLength} characters.")
            .MaxLength(Author, "author", 320, "The author must be at most 320 characters.");
        return validation;
    }

}
