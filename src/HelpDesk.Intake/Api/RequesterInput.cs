namespace HelpDesk.Intake.Api;

public sealed record RequesterInput(string? Email, string? Name = null, string? Organisation = null);
