namespace HelpDesk.Intake.Api;

public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, string? NextCursor);
