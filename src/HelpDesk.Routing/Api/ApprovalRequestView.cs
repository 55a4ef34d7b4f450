using HelpDesk.Routing.Domain;

namespace HelpDesk.Routing.Api;

public sealed record ApprovalRequestView(
    Guid TicketId, string TicketNumber, bool IsChange, string Subject, string? CatalogItem, int? CatalogVersion, ApprovalStatus Status,
    int CurrentStage, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string? DecidedBy, string? Reason, IReadOnlyList<ApprovalStageView> Stages)
{
    public static ApprovalRequestView From(ApprovalRequest r) => new(r.TicketId, r.TicketNumber, r.IsChange, r.Subject, r.CatalogItem, r.CatalogVersion,
        r.Status, r.CurrentStage, r.CreatedAt, r.DecidedAt, r.DecidedBy, r.Reason, r.Stages.OrderBy(s => s.Index).Select(ApprovalStageView.From).ToList());
}
