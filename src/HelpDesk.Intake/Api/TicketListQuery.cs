namespace HelpDesk.Intake.Api;

/// <summary>Query string of GET /api/v1/tickets; values arrive as text so a bad one is named in the 400.</summary>
public sealed record TicketListQuery(
    string? Status, string? Queue, string? Assignee, string? Requester, string? Type, string? Priority,
    string? Channel, string? Tag, string? Q, string? After, string? Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public TicketFilter? Parse(Validation validation)
    {
        var statuses = ParseEnums<TicketStatus>(Status, "status", validation);
        var types = ParseEnums<TicketType>(Type, "type", validation);
        var priorities = ParseEnums<TicketPriority>(Priority, "priority", validation);
        var channels = ParseEnums<TicketChannel>(Channel, "channel", validation);
        long? after = null;
        if (!string.IsNullOrEmpty(After))
        {
            after = TicketCursor.Decode(After);
            if (after is null) validation.Add("after", "The cursor is not one returned as nextCursor by this API.");
        }
        var limit = DefaultLimit;
        if (!string.IsNullOrEmpty(Limit) && (!int.TryParse(Limit, out limit) || limit is < 1 or > MaxLimit))
        {
            validation.Add("limit", $"The limit must be a whole number from 1 to {MaxLimit}.");
        }
        if (Q is { Length: > 200 }) validation.Add("q", "The search text must be at most 200 characters.");
        return !validation.IsValid
            ? null
            : new TicketFilter(statuses, types, priorities, channels, Blank(Queue), Blank(Assignee), Blank(Requester)?.ToLowerInvariant(), Blank(Tag)?.ToLowerInvariant(), Blank(Q), after, limit);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<T>? ParseEnums<T>(string? text, string field, Validation validation) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var values = new List<T>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!char.IsDigit(part[0]) && Enum.TryParse<T>(part, ignoreCase: true, out var value))
            {
                values.Add(value);
            }
            else
            {
                validation.Add(field, $"'{part}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
                return null;
            }
        }
        return values;
    }
}
