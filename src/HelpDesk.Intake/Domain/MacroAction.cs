namespace HelpDesk.Intake.Domain;

/// <summary>One step of a macro or bulk operation: a field (see <see cref="TicketActionPlan.Fields"/>) and its value.</summary>
public sealed record MacroAction(string Field, string? Value);
