namespace HelpDesk.Intake.Api;

/// <summary>PUT /api/v1/macros/{name}: <c>{ "description": "…", "actions": [{ "field": "reply", "value": "Hello {{requester.name}}…" }, …] }</c>.</summary>
public sealed record MacroRequest(string? Description, IReadOnlyList<MacroAction?>? Actions);
