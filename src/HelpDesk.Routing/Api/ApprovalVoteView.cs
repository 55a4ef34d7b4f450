using HelpDesk.Contracts;
using HelpDesk.Routing.Domain;

namespace HelpDesk.Routing.Api;

public sealed record ApprovalVoteView(
    string Approver, ApproverKind Kind, string? Email, bool IsEscalation, ApprovalVoteDecision? Decision, DateTimeOffset? DecidedAt,
    string? DecidedBy, string? Via, string? Reason);
