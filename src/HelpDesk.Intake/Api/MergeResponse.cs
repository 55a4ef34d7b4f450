namespace HelpDesk.Intake.Api;

public sealed record MergeResponse(TicketResponse Source, TicketResponse Target, int CommentsMoved, DateTimeOffset? UndoableUntil);
