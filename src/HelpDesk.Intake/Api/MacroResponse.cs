namespace HelpDesk.Intake.Api;

public sealed record MacroResponse(string Name, string? Description, IReadOnlyList<MacroAction> Actions, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static MacroResponse From(Macro m) => new(m.Name, m.Description, m.Actions, m.UpdatedBy, m.UpdatedAt);
}
