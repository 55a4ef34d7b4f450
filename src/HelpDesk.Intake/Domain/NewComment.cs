using HelpDesk.Contracts;

namespace HelpDesk.Intake.Domain;

/// <summary>A comment to add to a ticket; <see cref="EmailMessageId"/> when it came by e-mail, so replies can thread on it.</summary>
public sealed record NewComment(string Author, CommentAuthorKind Kind, bool IsPublic, string Body, string? EmailMessageId = null);
