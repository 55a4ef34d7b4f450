using HelpDesk.Contracts;
using HelpDesk.Routing.Domain;

namespace HelpDesk.Routing.Api;

public sealed record ApprovalStageView(
    int Index, string Name, ApprovalMode Mode, ApprovalStageStatus Status, DateTimeOffset? ActivatedAt, DateTimeOffset? NextDueAt,
    DateTimeOffset? RemindedAt, DateTimeOffset? TimedOutAt, IReadOnlyList<ApprovalVoteView> Approvers)
{
    public static ApprovalStageView From(ApprovalStage s) => new(s.Index, s.Name, s.Mode, s.Status, s.ActivatedAt, s.NextDueAt, s.RemindedAt, s.TimedOutAt,
        s.Votes.Select(v => new ApprovalVoteView(v.Approver, v.Kind, v.Email, v.IsEscalation, v.Decision, v.DecidedAt, v.DecidedBy, v.Via, v.Reason)).ToList());
}
