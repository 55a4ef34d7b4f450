namespace HelpDesk.Intake.Domain;

/// <summary>Why a ticket refused a change, in words for the requester or agent who asked for it; <paramref name="Field"/> names the input at fault, if any.</summary>
public sealed record TicketError(TicketErrorKind Kind, string Detail, string? Field = null);
