using HelpDesk.Contracts;

namespace HelpDesk.Intake.Tickets;

public sealed record RequesterInput(string? Email, string? Name = null, string? Organisation = null);

public sealed record AttachmentInput(string? Name, string? ContentType, long? SizeBytes, string? Url);

/// <summary>
/// A new ticket. <c>requester</c> is the full form; <c>requesterEmail</c>/<c>requesterName</c> remain accepted for
/// simple channels. <c>channel</c> defaults to the channel of the caller's API key (X-HelpDesk-Channel), else api.
/// </summary>
public sealed record SubmitTicketRequest(
    string? Subject,
    string? Description,
    RequesterInput? Requester = null,
    string? RequesterEmail = null,
    string? RequesterName = null,
    TicketType? Type = null,
    TicketChannel? Channel = null,
    ImpactLevel? Impact = null,
    UrgencyLevel? Urgency = null,
    string? Language = null,
    IReadOnlyList<string?>? Tags = null,
    IReadOnlyList<AttachmentInput?>? Attachments = null,
    string? CatalogItem = null,
    string? Portal = null);

public sealed record TransitionRequest(TicketStatus? To, string? Actor = null, string? Reason = null, string? Resolution = null, string? AssigneeId = null, string? AssigneeName = null, int? ExpectedVersion = null);

public sealed record CommentRequest(string? Body, string? Author = null, CommentAuthorKind? AuthorKind = null, bool? IsPublic = null);

public sealed record RatingRequest(int? Score, string? Comment = null);

public sealed record AttachmentResponse(string Name, string? ContentType, long SizeBytes, string? Url);

public sealed record TicketResponse(
    Guid Id,
    string Number,
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
    int Version)
{
    public static TicketResponse From(Ticket t) => new(
        t.Id, t.Number, t.Type, t.Channel, t.Status, t.Priority, t.Impact, t.Urgency, t.Subject, t.Description,
        t.RequesterEmail, t.RequesterName, t.RequesterOrganisation, t.Language, t.Tags,
        [.. t.Attachments.Select(a => new AttachmentResponse(a.Name, a.ContentType, a.SizeBytes, a.Url))],
        t.CatalogItem, t.Portal, t.SubmittedBy, t.Queue, t.Category, t.AssigneeId, t.AssigneeName, t.CreatedAt, t.UpdatedAt,
        t.FirstRespondedAt, t.ResolvedAt, t.Resolution, t.ClosedAt, t.ReopenCount, t.SatisfactionScore, t.SatisfactionComment, t.Version);
}

public sealed record TicketSummary(
    Guid Id, string Number, TicketType Type, TicketChannel Channel, TicketStatus Status, TicketPriority Priority,
    string Subject, string RequesterEmail, string? Queue, string? AssigneeId, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, string? NextCursor);

public sealed record CommentResponse(Guid Id, Guid TicketId, string Author, CommentAuthorKind AuthorKind, bool IsPublic, string Body, DateTimeOffset CreatedAt, bool IsFirstResponse)
{
    public static CommentResponse From(TicketComment c) => new(c.Id, c.TicketId, c.Author, c.AuthorKind, c.IsPublic, c.Body, c.CreatedAt, c.IsFirstResponse);
}
