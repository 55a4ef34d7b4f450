namespace HelpDesk.Intake.Api;

public sealed record CommentResponse(Guid Id, Guid TicketId, string Author, CommentAuthorKind AuthorKind, bool IsPublic, string Body, DateTimeOffset CreatedAt, bool IsFirstResponse)
{
    public static CommentResponse From(TicketComment c) => new(c.Id, c.TicketId, c.Author, c.AuthorKind, c.IsPublic, c.Body, c.CreatedAt, c.IsFirstResponse);
}
