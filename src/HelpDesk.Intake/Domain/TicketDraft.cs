using HelpDesk.Contracts;

namespace HelpDesk.Intake.Domain;

/// <summary>A submission that passed validation, normalised (trimmed, lower-cased tags, defaults applied).</summary>
public sealed record TicketDraft(
    string Subject,
    string Description,
    Requester Requester,
    TicketType Type,
    TicketChannel Channel,
    ImpactLevel Impact,
    UrgencyLevel Urgency,
    string Language,
    IReadOnlyList<string> Tags,
    IReadOnlyList<TicketAttachment> Attachments,
    string? CatalogItem,
    string? Portal,
    int? CatalogItemVersion = null,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Answers = null,
    string? RequesterManager = null,
    ChangePlanEdit? Change = null);
