namespace HelpDesk.Sla.Domain;

/// <summary>A warning or breach that was raised: written in the same transaction as its outbox event.</summary>
public sealed class SlaFiring
{
    public long Id { get; set; }

    public long ClockId { get; set; }

    public Guid TicketId { get; set; }

    public SlaMetric Metric { get; set; }

    public int Cycle { get; set; }

    /// <summary>Warning percentage, or 100 for the breach.</summary>
    public int ThresholdPercent { get; set; }

    public string Policy { get; set; } = "";

    /// <summary>When the threshold was reached.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>When it was raised (the difference is the firing lag).</summary>
    public DateTimeOffset FiredAt { get; set; }
}
