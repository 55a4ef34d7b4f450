namespace HelpDesk.Routing.Domain;

/// <summary>
/// The approval of one ticket (a catalogue request or a change): stages decided in order. Every decision bumps
/// <see cref="Version"/>, a concurrency token, so two decisions racing on the same request cannot both commit:
/// the loser re-reads and finds the stage already settled (one winner), or records its vote on fresh state.
/// </summary>
public sealed class ApprovalRequest
{
    public Guid Id { get; set; }
    public Guid TicketId { get; set; }
    public required string TicketNumber { get; set; }
    public bool IsChange { get; set; }
    public string? CatalogItem { get; set; }
    public int? CatalogVersion { get; set; }
    public required string Subject { get; set; }
    public string? RequesterEmail { get; set; }
    public string? Language { get; set; }
    public ApprovalStatus Status { get; set; }
    public int CurrentStage { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? Reason { get; set; }
    public int Version { get; set; }
    public List<ApprovalStage> Stages { get; set; } = [];

    public ApprovalStage? Active => Status == ApprovalStatus.Pending ? Stages.FirstOrDefault(s => s.Index == CurrentStage) : null;

    /// <summary>After a stage settled: the next stage becomes active (returned), or the request is decided (null).</summary>
    public ApprovalStage? Advance(ApprovalStage settled, string by, string? reason, DateTimeOffset now)
    {
        Version++;
        if (settled.Status == ApprovalStageStatus.Rejected)
        {
            Decide(ApprovalStatus.Rejected, by, reason, now);
            return null;
        }
        var next = Stages.Where(s => s.Index > settled.Index).OrderBy(s => s.Index).FirstOrDefault();
        if (next is null)
        {
            Decide(ApprovalStatus.Approved, by, reason, now);
            return null;
        }
        CurrentStage = next.Index;
        next.Activate(now);
        return next;
    }

    /// <summary>
    /// The ticket closed before a decision: every stage stops (no reminder, timeout or escalation is due any more) and
    /// the seats' links die with it. Returns false when there was nothing to withdraw.
    /// </summary>
    public bool Withdraw(string reason, DateTimeOffset now)
    {
        if (Status != ApprovalStatus.Pending)
        {
            return false;
        }
        Version++;
        foreach (var stage in Stages.Where(s => s.Status is ApprovalStageStatus.Waiting or ApprovalStageStatus.Active))
        {
            stage.Withdraw(now);
        }
        Decide(ApprovalStatus.Withdrawn, "withdrawn", reason, now);
        return true;
    }

    private void Decide(ApprovalStatus status, string by, string? reason, DateTimeOffset now)
    {
        Status = status;
        DecidedAt = now;
        DecidedBy = by;
        Reason = reason;
    }
}
