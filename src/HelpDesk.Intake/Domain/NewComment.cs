using HelpDesk.Contracts;

namespace HelpDesk.Intake.Domain;

/// <summary>
/// A comment to add to a ticket; <see cref="EmailMessageId"/> when it came by e-mail, so replies can thread on it;
/// <see cref="Quiet"/> when the same words already reached its people another way (a major incident's update).
/// </summary>
public sealed record NewComment(string Author, CommentAuthorKind Kind, bool IsPublic, string Body, string? EmailMessageId = null, bool Quiet = false);
