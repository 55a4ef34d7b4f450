using HelpDesk.Routing.Infrastructure.Classification;

namespace HelpDesk.Routing.Domain;

public sealed record RoutingDecision(
    string Queue,
    string Category,
    string DecidedBy,
    double? Confidence,
    string Explanation,
    TicketPriority? PriorityOverride,
    IReadOnlyList<string> Tags,
    ApprovalState Approval,
    string? Approver,
    string? CatalogItem,
    IReadOnlyList<RuleCheck> RuleChecks,
    ClassifierPrediction? Prediction);
