namespace HelpDesk.KnowledgeBase.Domain;

/// <summary>A ticket a requester filed (from TicketSubmitted): what tells a deflected visit from one that was not.</summary>
public sealed class RequesterTicket
{
    public Guid TicketId { get; init; }

    public required string Requester { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }
}
