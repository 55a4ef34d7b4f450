using HelpDesk.Contracts;

namespace HelpDesk.Routing.Domain;

/// <summary>Approvers of a policy in words, for the routing explanation and the legacy <c>approver</c> field.</summary>
public static class ApprovalSummary
{
    public static string Of(ApprovalPolicy policy) =>
        policy.PreApproved ? "pre-approved" : string.Join(" then ", policy.Stages.Select(Of));

    public static string Of(ApprovalStageDefinition stage) =>
        stage.Approvers.Count == 1
            ? Of(stage.Approvers[0])
            : $"{(stage.Mode == ApprovalMode.AllOf ? "all of" : "any of")} ({string.Join(", ", stage.Approvers.Select(Of))})";

    public static string Of(ApproverRef approver) => approver.Kind switch
    {
        ApproverKind.RequesterManager => "requester's manager",
        ApproverKind.Group => $"group:{approver.Id}",
        _ => approver.Id ?? "?",
    };
}
