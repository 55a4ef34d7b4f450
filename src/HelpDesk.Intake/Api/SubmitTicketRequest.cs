using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Intake.Api;

/// <summary>
/// A new ticket. <c>requester</c> is the full form; <c>requesterEmail</c>/<c>requesterName</c> remain accepted for
/// simple channels. <c>channel</c> defaults to the channel of the caller's API key, else api.
/// </summary>
public sealed record SubmitTicketRequest(
    [ApiExample("\"Printer on floor 3 jams\"")] string? Subject,
    [ApiExample("\"The printer by the lifts jams on every second page since this morning.\"")] string? Description,
    RequesterInput? Requester = null,
    string? RequesterEmail = null,
    string? RequesterName = null,
    TicketType? Type = null,
    TicketChannel? Channel = null,
    ImpactLevel? Impact = null,
    UrgencyLevel? Urgency = null,
    [ApiExample("\"en\"")] string? Language = null,
    [ApiExample("[\"printer\", \"floor-3\"]")] IReadOnlyList<string?>? Tags = null,
    IReadOnlyList<AttachmentInput?>? Attachments = null,
    string? CatalogItem = null,
    string? Portal = null,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Answers = null,
    ChangePlanRequest? Change = null);
