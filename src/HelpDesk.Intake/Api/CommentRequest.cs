namespace HelpDesk.Intake.Api;

/// <summary>A comment; <c>authorKind</c> defaults to Agent and <c>isPublic</c> to true.</summary>
public sealed record CommentRequest(string? Body, string? Author = null, CommentAuthorKind? AuthorKind = null, bool? IsPublic = null)
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
            .MaxLength(Author, "author", 320, "The author must be at most 320 characters.")
            .When(!Enum.IsDefined(Kind), "authorKind", "Unknown author kind.")
            .When(Kind == CommentAuthorKind.Requester && !Public, "isPublic", "Requester comments are always public.");
        return validation;
    }

    /// <summary>The comment for the domain, once <see cref="Validate"/> passed.</summary>
    public NewComment ToNewComment(string author) => new(author, Kind, Public, Body!.Trim());

    private CommentAuthorKind Kind => AuthorKind ?? CommentAuthorKind.Agent;

    private bool Public => IsPublic ?? true;
}
