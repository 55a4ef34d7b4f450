namespace HelpDesk.Web.Gateway;

/// <summary>What routing decided for a ticket and why (its explanation), and the approval state of a request.</summary>
public sealed record RoutingDecision(
    Guid TicketId, string TicketNumber, string Queue, string Category, string DecidedBy, double? Confidence, string? Explanation,
    string? CatalogItem, string Approval, string? Approver, string? ApprovalDecidedBy, string State, string? AgentId, string? AssignmentStrategy);
