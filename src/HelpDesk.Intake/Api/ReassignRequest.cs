using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Intake.Api;

/// <summary>Hand a ticket to an agent (<c>agentId</c>, optionally <c>agentName</c>) and/or a queue; with only a queue routing picks the agent.</summary>
public sealed record ReassignRequest(
    [ApiExample("\"grace\"")] string? AgentId = null, string? AgentName = null,
    [ApiExample("\"network\"")] string? Queue = null,
    [ApiExample("\"The VPN concentrator is the network team's\"")] string? Reason = null)
{
    public Validation Validate() => new Validation()
        .When(string.IsNullOrWhiteSpace(AgentId) && string.IsNullOrWhiteSpace(Queue), "agentId", "Give agentId, queue, or both.")
        .MaxLength(AgentId, "agentId", 200)
        .MaxLength(AgentName, "agentName", 200)
        .MaxLength(Queue, "queue", 100)
        .MaxLength(Reason, "reason", 1000);

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
