namespace HelpDesk.Routing.Api;

public sealed record RoutedTicketView(
    Guid TicketId, string TicketNumber, TicketType Type, string Queue, string Category, string DecidedBy, double? Confidence, string? Explanation,
    TicketPriority? PriorityOverride, IReadOnlyList<string> Tags, string? CatalogItem, ApprovalState Approval, string? Approver,
    string? ApprovalDecidedBy, RoutedTicketState State, string? AgentId, string? AssignmentStrategy, DateTimeOffset ReceivedAt,
    DateTimeOffset? AssignedAt, bool IsOpen)
{
    public static RoutedTicketView From(RoutedTicket t) => new(t.TicketId, t.TicketNumber, t.Type, t.Queue, t.Category, t.DecidedBy, t.Confidence,
        t.Explanation, t.PriorityOverride, t.Tags, t.CatalogItem, t.Approval, t.Approver, t.ApprovalDecidedBy, t.State, t.AgentId,
        t.AssignmentStrategy, t.ReceivedAt, t.AssignedAt, t.IsOpen);
}
