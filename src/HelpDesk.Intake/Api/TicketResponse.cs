using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Intake.Api;

public sealed record TicketResponse(
    [ApiExample("\"0b7e3c1e-5d2a-4c7e-9a51-3f6b2d8e4a10\"")] Guid Id,
    [ApiExample("\"HD-000123\"")] string Number,
    TicketType Type,
    TicketChannel Channel,
    TicketStatus Status,
    TicketPriority Priority,
    ImpactLevel Impact,
    UrgencyLevel Urgency,
    string Subject,
    string Description,
    string RequesterEmail,
    string? RequesterName,
    string? RequesterOrganisation,
    string Language,
    IReadOnlyList<string> Tags,
    IReadOnlyList<AttachmentResponse> Attachments,
    string? CatalogItem,
    string? Portal,
    string SubmittedBy,
    string? Queue,
    string? Category,
    string? AssigneeId,
    string? AssigneeName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstRespondedAt,
    DateTimeOffset? ResolvedAt,
    string? Resolution,
    DateTimeOffset? ClosedAt,
    int ReopenCount,
    int? SatisfactionScore,
    string? SatisfactionComment,
    int Version,
    int? CatalogItemVersion = null,
    System.Text.Json.JsonElement? Answers = null,
    ChangePlanResponse? Change = null)
{
    public static TicketResponse From(Ticket t) => new(
        t.Id, t.Number, t.Type, t.Channel, t.Status, t.Priority, t.Impact, t.Urgency, t.Subject, t.Description,
        t.RequesterEmail, t.RequesterName, t.RequesterOrganisation, t.Language, t.Tags,
        [.. t.Attachments.Select(a => new AttachmentResponse(a.Name, a.ContentType, a.SizeBytes, a.Url))],
        t.CatalogItem, t.Portal, t.SubmittedBy, t.Queue, t.Category, t.AssigneeId, t.AssigneeName, t.CreatedAt, t.UpdatedAt,
        t.FirstRespondedAt, t.ResolvedAt, t.Resolution, t.ClosedAt, t.ReopenCount, t.SatisfactionScore, t.SatisfactionComment, t.Version,
        t.CatalogItemVersion, t.AnswersJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(t.AnswersJson),
        ChangePlanResponse.From(t));
}
