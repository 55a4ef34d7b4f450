namespace HelpDesk.Intake.Api;

/// <summary><c>{ "type": "DuplicateOf|Related|CausedBy|FixedBy", "target": "HD-000123" }</c></summary>
public sealed record LinkRequest(TicketLinkType? Type, string? Target);
