using HelpDesk.Contracts;

namespace HelpDesk.Intake.Domain;

/// <summary>A comment on a ticket, created only by <see cref="Ticket.Comment"/>.</summary>
public sealed class TicketComment
{
    public Guid Id { get; init; }

    private Guid _ticketId;

    public Guid TicketId { get => _ticketId; init => _ticketId = value; }

    /// <summary>Set while the comment lives on the ticket its own was merged into, so an undo can move it back.</summary>
    public Guid? MovedFromTicketId { get; private set; }

    public required string Author { get; init; }

    public CommentAuthorKind AuthorKind { get; init; }

    public bool IsPublic { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool IsFirstResponse { get; init; }

    /// <summary>Message-ID of the e-mail the comment came from, so later replies can thread on it.</summary>
    public string? EmailMessageId { get; init; }

    public void MoveTo(Guid ticketId)
    {
        MovedFromTicketId ??= _ticketId;
        _ticketId = ticketId;
    }

    public void MoveBack()
    {
        if (MovedFromTicketId is { } original)
        {
            _ticketId = original;
            MovedFromTicketId = null;
        }
    }
}
