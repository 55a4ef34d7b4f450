namespace HelpDesk.Notifications.Infrastructure;

public sealed class DeliveryOptions
{
    /// <summary>Attempts (since creation or the last replay) before a delivery is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Back-off before retry n is BaseDelay·2^(n-1), capped at MaxDelay, with jitter in [50%, 100%].</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a round that found work (less than a batch), the next claim waits at least this long from that round's
    /// start, so that under load new deliveries gather into one claim and one record instead of one or two each.
    /// </summary>
    public TimeSpan CoalesceDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    public int BatchSize { get; set; } = 50;

    public int MaxParallelism { get; set; } = 8;

    /// <summary>How long a worker owns a delivery it is sending; after a crash another worker resends it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Turns the background sender off (e.g. a replica that only serves the API).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>
    /// A requester notification held longer than this for its ticket's TicketSubmitted is reported as overdue
    /// (warning log, gauge helpdesk.notifications.held_overdue, GET /held?overdue=true). It stays held: the
    /// submission may still come (a stopped intake outbox); an operator may discard it.
    /// </summary>
    public TimeSpan HoldAlertAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often held notifications are checked for overdue ones.</summary>
    public TimeSpan HoldCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
