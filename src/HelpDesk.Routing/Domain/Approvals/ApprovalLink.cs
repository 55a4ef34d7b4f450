namespace HelpDesk.Routing.Domain;

/// <summary>What a signed approval link says: which seat, which decision, until when, and its single-use nonce.</summary>
public sealed record ApprovalLink(Guid VoteId, bool Approve, DateTimeOffset ExpiresAt, Guid Nonce);
