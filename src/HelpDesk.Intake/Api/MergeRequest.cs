using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Intake.Api;

/// <summary><c>{ "into": "HD-000123" }</c>: the ticket to keep.</summary>
public sealed record MergeRequest([ApiExample("\"HD-000042\"")] string? Into);
