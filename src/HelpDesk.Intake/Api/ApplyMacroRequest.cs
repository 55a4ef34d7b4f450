namespace HelpDesk.Intake.Api;

public sealed record ApplyMacroRequest(string? Macro);
