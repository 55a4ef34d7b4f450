namespace HelpDesk.Web.Gateway;

/// <summary>A request waiting for approval (routing's approval engine): its stages and who holds each seat.</summary>
public sealed record ApprovalRequest(
    Guid TicketId, string TicketNumber, bool IsChange, string Subject, string? CatalogItem, string Status, int CurrentStage,
    DateTimeOffset CreatedAt, IReadOnlyList<ApprovalStage> Stages)
{
    public ApprovalStage? Active => Stages.FirstOrDefault(s => s.Index == CurrentStage);
}
