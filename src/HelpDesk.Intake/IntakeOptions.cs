namespace HelpDesk.Intake;

/// <summary>Configuration section <c>Intake</c>.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Prefix of human-friendly ticket numbers: "HD" gives HD-000123.</summary>
    public string NumberPrefix { get; set; } = "HD";

    /// <summary>How long an Idempotency-Key is remembered; a retry after this window creates a new ticket.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A resolved ticket may be reopened for this long after resolution; afterwards only a new ticket helps.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long after a merge an agent can undo it (the duplicate reopens, its comments move back).</summary>
    public TimeSpan MergeUndoWindow { get; set; } = TimeSpan.FromHours(24);

    public long MaxAttachmentBytes { get; set; } = 25L * 1024 * 1024;

    public int MaxAttachments { get; set; } = 20;

    public int MaxTags { get; set; } = 20;

    /// <summary>
    /// ITIL priority matrix, impact → urgency → priority. Configuration overrides single cells, e.g.
    /// <c>Intake:PriorityMatrix:Low:High = High</c>.
    /// </summary>
    public Dictionary<ImpactLevel, Dictionary<UrgencyLevel, TicketPriority>> PriorityMatrix { get; set; } = new()
    {
        [ImpactLevel.High] = new() { [UrgencyLevel.High] = TicketPriority.Critical, [UrgencyLevel.Medium] = TicketPriority.High, [UrgencyLevel.Low] = TicketPriority.Medium },
        [ImpactLevel.Medium] = new() { [UrgencyLevel.High] = TicketPriority.High, [UrgencyLevel.Medium] = TicketPriority.Medium, [UrgencyLevel.Low] = TicketPriority.Low },
        [ImpactLevel.Low] = new() { [UrgencyLevel.High] = TicketPriority.Medium, [UrgencyLevel.Medium] = TicketPriority.Low, [UrgencyLevel.Low] = TicketPriority.Low },
    };

    public TicketPriority PriorityFor(ImpactLevel impact, UrgencyLevel urgency) =>
        PriorityMatrix.TryGetValue(impact, out var row) && row.TryGetValue(urgency, out var priority) ? priority : TicketPriority.Medium;

    public string FormatNumber(long sequence) => $"{NumberPrefix}-{sequence:D6}";
}
