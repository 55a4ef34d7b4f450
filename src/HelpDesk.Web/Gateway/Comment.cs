namespace HelpDesk.Web.Gateway;

public sealed record Comment(Guid Id, Guid TicketId, string Author, string AuthorKind, bool IsPublic, string Body, DateTimeOffset CreatedAt, bool IsFirstResponse);
