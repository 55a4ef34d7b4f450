using HelpDesk.Contracts;

namespace HelpDesk.Routing.Domain;

/// <summary>A stage of an approval request: its seats, its mode, and its durable reminder and timeout instants.</summary>
public sealed class ApprovalStage
{
    public Guid Id { get; set; }
    public Guid RequestId { get; set; }
    public int Index { get; set; }
    public required string Name { get; set; }
    public ApprovalMode Mode { get; set; }
    public ApprovalStageStatus Status { get; set; }
    public TimeSpan? RemindAfter { get; set; }
    public TimeSpan? Timeout { get; set; }
    public ApprovalTimeoutAction OnTimeout { get; set; }
    public ApproverKind? EscalateToKind { get; set; }
    public string? EscalateTo { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? TimedOutAt { get; set; }

    /// <summary>The next reminder or timeout instant of an active stage (indexed; the scanner reads only due rows).</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    public List<ApprovalVote> Votes { get; set; } = [];

    public void Activate(DateTimeOffset now)
    {
        Status = ApprovalStageStatus.Active;
        ActivatedAt = now;
        NextDueAt = NextDue();
    }

    /// <summary>Records one seat's decision and settles the stage when the mode says so.</summary>
    public void Record(ApprovalVote vote, bool approve, string by, string via, string? reason, DateTimeOffset now)
    {
        vote.Decision = approve ? ApprovalVoteDecision.Approved : ApprovalVoteDecision.Rejected;
        vote.DecidedAt = now;
        vote.DecidedBy = by;
        vote.Via = via;
        vote.Reason = reason;
        var settled = !approve || vote.IsEscalation || Mode == ApprovalMode.AnyOf
            || Votes.Where(v => !v.IsEscalation).All(v => v.Decision == ApprovalVoteDecision.Approved);
        if (settled)
        {
            Status = approve ? ApprovalStageStatus.Approved : ApprovalStageStatus.Rejected;
            DecidedAt = now;
            NextDueAt = null;
        }
    }

    public void Withdraw(DateTimeOffset now)
    {
        Status = ApprovalStageStatus.Withdrawn;
        DecidedAt = now;
        NextDueAt = null;
    }

    public IEnumerable<ApprovalVote> Undecided => Votes.Where(v => v.Decision is null);

    /// <summary>The reminder is due: marks it sent and moves the next due instant to the timeout.</summary>
    public void MarkReminded(DateTimeOffset now)
    {
        RemindedAt = now;
        NextDueAt = NextDue();
    }

    /// <summary>The timeout passed: stops the clock. The caller escalates or rejects.</summary>
    public void MarkTimedOut(DateTimeOffset now)
    {
        TimedOutAt = now;
        NextDueAt = null;
    }

    /// <summary>True when the due instant is the reminder (not yet sent and earlier than the timeout).</summary>
    public bool ReminderIsDue(DateTimeOffset now) =>
        RemindedAt is null && RemindAfter is { } remind && ActivatedAt + remind <= now && (Timeout is null || remind < Timeout);

    private DateTimeOffset? NextDue()
    {
        if (ActivatedAt is not { } start)
        {
            return null;
        }
        if (RemindedAt is null && RemindAfter is { } remind && (Timeout is null || remind < Timeout))
        {
            return start + remind;
        }
        return TimedOutAt is null && Timeout is { } timeout ? start + timeout : null;
    }
}
