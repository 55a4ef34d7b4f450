namespace HelpDesk.Intake.Api;

/// <summary>PATCH body: any of priority, impact, urgency, type, category, tags (replace), addTags, removeTags.</summary>
public sealed record EditTicketRequest(
    TicketPriority? Priority = null,
    ImpactLevel? Impact = null,
    UrgencyLevel? Urgency = null,
    TicketType? Type = null,
    string? Category = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? AddTags = null,
    IReadOnlyList<string>? RemoveTags = null)
{
    public TicketEdit? Validate(Validation validation)
    {
        validation
            .When(Priority is { } p && !Enum.IsDefined(p), "priority", "Unknown priority.")
            .When(Impact is { } i && !Enum.IsDefined(i), "impact", "Unknown impact.")
            .When(Urgency is { } u && !Enum.IsDefined(u), "urgency", "Unknown urgency.")
            .When(Type is { } t && !Enum.IsDefined(t), "type", "Unknown type.")
            .When(Category is not null && (Category.Trim().Length is 0 or > 100), "category", "The category must be 1–100 characters.");
        var tags = TicketValidation.NormaliseTags(Tags, "tags", validation);
        var add = TicketValidation.NormaliseTags(AddTags, "addTags", validation);
        var remove = TicketValidation.NormaliseTags(RemoveTags, "removeTags", validation);
        var edit = new TicketEdit(Priority, Impact, Urgency, Type, Category?.Trim(), tags, add, remove);
        validation.When(validation.IsValid && edit.IsEmpty, "body", "Nothing to change: give at least one of priority, impact, urgency, type, category, tags, addTags, removeTags.");
        return validation.IsValid ? edit : null;
    }
}
