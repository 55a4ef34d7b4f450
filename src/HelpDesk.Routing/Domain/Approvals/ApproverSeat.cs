using HelpDesk.Contracts;

namespace HelpDesk.Routing.Domain;

/// <summary>A resolved approver: who holds the seat, and the addresses to ask (one per member for a group).</summary>
public sealed record ApproverSeat(ApproverKind Kind, string Approver, string? DisplayName, IReadOnlyList<string> Recipients);
