namespace HelpDesk.Routing.Domain;

/// <summary>One decision as asked: approve or reject, by whom (for the record), through which way (api, link) and why.</summary>
public sealed record ApprovalDecision(bool Approve, string By, string Via, string? Reason);
