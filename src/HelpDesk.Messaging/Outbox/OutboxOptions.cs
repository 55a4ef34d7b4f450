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

    /// <summary>
    /// How long a published batch may wait to be marked dispatched in the same commit as the next claim; when no rows
    /// come within it, the mark is written alone. Zero marks every batch at once (a commit of its own).
    /// </summary>
    public TimeSpan MarkDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The replay window: how long after dispatch a message may still be delivered again (a broker redelivery, a message
    /// moved back from an <c>_error</c> queue, an outbox row an operator re-dispatches). Dispatched outbox rows are kept
    /// this long, and inbox rows at least this long (<see cref="InboxRetention"/>), so a replay inside the window is
    /// recognised as a duplicate. See docs/operations.md, "Replaying messages".
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long handled-message (inbox) rows are kept; defaults to <see cref="Retention"/>, never shorter.</summary>
    public TimeSpan? InboxRetention { get; set; }

    public TimeSpan EffectiveInboxRetention => InboxRetention ?? Retention;

    /// <summary>Why these settings are refused at start, or null when they are valid.</summary>
    public string? Problem() =>
        PollInterval <= TimeSpan.Zero || BatchSize <= 0 || PublishTimeout <= TimeSpan.Zero || ClaimDuration <= TimeSpan.Zero
            ? "HelpDesk:Outbox PollInterval, BatchSize, PublishTimeout and ClaimDuration must be positive."
        : MarkDelay < TimeSpan.Zero || MarkDelay >= ClaimDuration
            ? $"HelpDesk:Outbox:MarkDelay ({MarkDelay}) must be zero or more and shorter than ClaimDuration ({ClaimDuration}): " +
              "a claim that expires before its mark is taken over and published again."
        : Retention <= TimeSpan.Zero
            ? "HelpDesk:Outbox:Retention (the replay window) must be positive."
        : EffectiveInboxRetention < Retention
            ? $"HelpDesk:Outbox:InboxRetention ({EffectiveInboxRetention}) is shorter than the replay window HelpDesk:Outbox:Retention " +
              $"({Retention}): a message replayed after its inbox row was deleted would be handled twice. Keep inbox rows at least as long."
        : null;
}
