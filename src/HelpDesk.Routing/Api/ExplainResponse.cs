using HelpDesk.Routing.Infrastructure.Classification;

namespace HelpDesk.Routing.Api;

public sealed record ExplainResponse(
    string Queue, string Category, string DecidedBy, double? Confidence, string Explanation, TicketPriority? PriorityOverride,
    IReadOnlyList<string> Tags, ApprovalState Approval, string? Approver, string? CatalogItem,
    IReadOnlyList<RuleCheck> Rules, ClassifierPrediction? Model, double ModelConfidenceThreshold);
