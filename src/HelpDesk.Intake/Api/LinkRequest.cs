using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Intake.Api;

/// <summary><c>{ "type": "DuplicateOf|Related|CausedBy|FixedBy", "target": "HD-000123" }</c></summary>
public sealed record LinkRequest(TicketLinkType? Type, [ApiExample("\"HD-000042\"")] string? Target);
