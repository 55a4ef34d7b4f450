namespace HelpDesk.Intake.Api;

/// <summary>
/// POST /api/v1/tickets/bulk with an Idempotency-Key: up to <see cref="MaxTickets"/> tickets (ids or numbers) and either
/// <c>actions</c> (as in a macro) or the name of a <c>macro</c>.
/// </summary>
public sealed record BulkRequest(IReadOnlyList<string?>? Tickets, IReadOnlyList<MacroAction?>? Actions = null, string? Macro = null)
{
    public const int MaxTickets = 500;
}
