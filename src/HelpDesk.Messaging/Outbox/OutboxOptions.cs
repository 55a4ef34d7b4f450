namespace HelpDesk.Messaging.Outbox;

/// <summary>Configuration section <c>HelpDesk:Outbox</c>: how the dispatcher polls, claims and publishes.</summary>
public sealed class OutboxOptions
{
    /// <summary>How often to look for undispatched events when nothing signalled (another replica, a restart).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// How long one publish may wait for the broker. While the broker is down a publish would otherwise wait for
    /// the reconnection; giving up records the failure on the row (Attempts, LastError) for operators to see.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a replica's claim on a batch lasts before another may take it over.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Dispatched rows are kept this long for diagnosis, then removed.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3);
}
