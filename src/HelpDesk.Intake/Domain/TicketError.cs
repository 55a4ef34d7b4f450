namespace HelpDesk.Intake.Domain;

/// <summary>Why a ticket refused a change, in words for the requester or agent who asked for it.</summary>
public sealed record TicketError(TicketErrorKind Kind, string Detail);
