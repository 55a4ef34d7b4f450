namespace HelpDesk.Web.Gateway;

/// <summary>A named set of agent actions (reply text, status, tags, priority) applied in one transaction.</summary>
public sealed record Macro(string Name, string? Description);
