namespace HelpDesk.Intake.Domain;

/// <summary>A named set of actions (reply text with placeholders, status, tags, priority…) agents apply to a ticket in one go.</summary>
public sealed class Macro
{
    public required string Name { get; init; }

    public string? Description { get; set; }

    public List<MacroAction> Actions { get; set; } = [];

    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
