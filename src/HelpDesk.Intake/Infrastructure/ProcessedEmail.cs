namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// Every e-mail the desk has looked at, keyed by Message-ID: de-duplicates re-polled or re-delivered messages,
/// counts a sender's messages for the rate cap and links replies (In-Reply-To/References) to their ticket.
/// </summary>
public sealed class ProcessedEmail
{
    public required string MessageId { get; set; }

    public required string Sender { get; set; }

    public EmailOutcome Outcome { get; set; }

    public Guid? TicketId { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
