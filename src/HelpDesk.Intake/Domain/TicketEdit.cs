namespace HelpDesk.Intake.Domain;

/// <summary>
/// Fields an agent may change after submission; null leaves a field as it is. An explicit priority wins over the
/// matrix; changing impact or urgency alone re-derives the priority. Tags are replaced, or added and removed.
/// </summary>
public sealed record TicketEdit(
    TicketPriority? Priority = null,
    ImpactLevel? Impact = null,
    UrgencyLevel? Urgency = null,
    TicketType? Type = null,
    string? Category = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? AddTags = null,
    IReadOnlyList<string>? RemoveTags = null)
{
    public bool IsEmpty => Priority is null && Impact is null && Urgency is null && Type is null && Category is null
        && Tags is null && AddTags is not { Count: > 0 } && RemoveTags is not { Count: > 0 };
}
