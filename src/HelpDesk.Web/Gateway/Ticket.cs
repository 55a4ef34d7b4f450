namespace HelpDesk.Web.Gateway;

/// <summary>A ticket as Intake answers it (the fields the pages show); a catalogue request carries its item version and answers.</summary>
public sealed record Ticket(
    Guid Id, string Number, string Type, string Channel, string Status, string Priority, string Impact, string Urgency,
    string Subject, string Description, string RequesterEmail, string? RequesterName, string? RequesterOrganisation,
    string Language, IReadOnlyList<string> Tags, IReadOnlyList<Attachment> Attachments, string? CatalogItem, string? Portal,
    string? Queue, string? Category, string? AssigneeId, string? AssigneeName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstRespondedAt, DateTimeOffset? ResolvedAt, string? Resolution, DateTimeOffset? ClosedAt, int ReopenCount,
    int? SatisfactionScore, string? SatisfactionComment, int Version,
    int? CatalogItemVersion = null, System.Text.Json.JsonElement? Answers = null)
{
    public bool IsResolved => Status is "Resolved" or "Closed";
}
