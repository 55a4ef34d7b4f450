namespace HelpDesk.Notifications.Domain;

public sealed class DeliveryAttempt
{
    public Guid Id { get; set; }

    public Guid DeliveryId { get; set; }

    /// <summary>1-based across the delivery's whole life, replays included.</summary>
    public int Number { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public AttemptOutcome Outcome { get; set; }

    public double LatencyMs { get; set; }

    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    /// <summary>When the next attempt was scheduled after this one (failed or postponed).</summary>
    public DateTimeOffset? RetryAt { get; set; }
}
