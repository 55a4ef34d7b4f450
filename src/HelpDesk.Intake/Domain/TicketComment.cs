using HelpDesk.Contracts;

namespace HelpDesk.Intake.Domain;

/// <summary>A comment on a ticket, created only by <see cref="Ticket.Comment"/>.</summary>
public sealed class TicketComment
{
    public Guid Id { get; init; }

    public Guid TicketId { get; init; }

    public required string Author { get; init; }

    public CommentAuthorKind AuthorKind { get; init; }

    public bool IsPublic { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool IsFirstResponse { get; init; }

    /// <summary>Message-ID of the e-mail the comment came from, so later replies can thread on it.</summary>
    public string? EmailMessageId { get; init; }
}
