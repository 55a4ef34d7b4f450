namespace HelpDesk.Benchmarks.Flow;

/// <summary>One ticket's hops, UTC ticks; 0 where the hop was not (yet) seen.</summary>
public sealed class TicketHops
{
    public long SubmittedWritten { get; init; }

    public long SubmittedPublished { get; init; }

    public long RoutingConsumed { get; init; }

    public long RoutedWritten { get; set; }

    public long RoutedPublished { get; set; }

    public long RoutedOnTicket { get; set; }

    public long SlaStarted { get; init; }

    public long Notified { get; init; }

    /// <summary>The requester's mail handed to SMTP (or the pickup directory) by the delivery worker; not part of <see cref="Complete"/>.</summary>
    public long Mailed { get; init; }

    public bool Complete => RoutedOnTicket > 0 && SlaStarted > 0 && Notified > 0;

    public long AllThree => Complete ? Math.Max(RoutedOnTicket, Math.Max(SlaStarted, Notified)) : 0;
}
