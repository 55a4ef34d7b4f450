using HelpDesk.Contracts;

namespace HelpDesk.Routing.Domain;

/// <summary>A ticket this service routed: its decision, approval and assignment, and whether it still loads its agent.</summary>
public sealed class RoutedTicket
{
    public Guid TicketId { get; set; }
    public required string TicketNumber { get; set; }
    public TicketType Type { get; set; }
    public TicketChannel Channel { get; set; }
    public required string Subject { get; set; }
    public required string Description { get; set; }
    public List<string> Tags { get; set; } = [];
    public required string Queue { get; set; }
    public required string Category { get; set; }
    public required string DecidedBy { get; set; }
    public double? Confidence { get; set; }
    public string? Explanation { get; set; }
    public TicketPriority? PriorityOverride { get; set; }
    public string? CatalogItem { get; set; }
    public ApprovalState Approval { get; set; }
    public string? Approver { get; set; }
    public string? ApprovalDecidedBy { get; set; }
    public RoutedTicketState State { get; set; }
    public string? AgentId { get; set; }
    public string? AssignmentStrategy { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>True while the ticket counts towards its agent's open tickets.</summary>
    public bool IsOpen { get; set; } = true;

    // Catalogue requests (issue 23): the item version filed against, answers, and the fulfilment's progress.
    public int? CatalogVersion { get; set; }
    public string? SlaPolicy { get; set; }
    public string? RequesterEmail { get; set; }
    public string? Language { get; set; }
    public string? AnswersJson { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public FulfilmentState Fulfilment { get; set; }
    public DateTimeOffset? FulfilledAt { get; set; }
    public int AutomationAttempts { get; set; }
    public DateTimeOffset? AutomationNextAttemptAt { get; set; }
    public int? AutomationStatusCode { get; set; }
    public string? AutomationAnswer { get; set; }
    public int? Satisfaction { get; set; }
}
