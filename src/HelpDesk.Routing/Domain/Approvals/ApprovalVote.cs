using HelpDesk.Contracts;

namespace HelpDesk.Routing.Domain;

/// <summary>
/// One approver's seat on a stage: a person (id or e-mail), or a group (any one member decides for it).
/// Escalation adds a seat whose decision alone decides the stage.
/// </summary>
public sealed class ApprovalVote
{
    public Guid Id { get; set; }
    public Guid StageId { get; set; }
    public ApproverKind Kind { get; set; }

    /// <summary>The person's id or e-mail, or the group's name.</summary>
    public required string Approver { get; set; }

    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public bool IsEscalation { get; set; }

    /// <summary>Nonce of the signed links sent to this seat; a link is good once, and only while the seat is undecided.</summary>
    public Guid LinkNonce { get; set; }

    public ApprovalVoteDecision? Decision { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }

    /// <summary>api, link or timeout.</summary>
    public string? Via { get; set; }

    public string? Reason { get; set; }
}
