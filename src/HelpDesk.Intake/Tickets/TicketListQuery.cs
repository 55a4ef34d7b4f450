using HelpDesk.Contracts;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Tickets;

/// <summary>Query string of GET /api/v1/tickets; values arrive as text so a bad one is named in the 400.</summary>
public sealed record TicketListQuery(
    string? Status, string? Queue, string? Assignee, string? Requester, string? Type, string? Priority,
    string? Channel, string? Tag, string? Q, string? After, string? Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public TicketFilter? Parse(Dictionary<string, string[]> errors)
    {
        var statuses = ParseEnums<TicketStatus>(Status, "status", errors);
        var types = ParseEnums<TicketType>(Type, "type", errors);
        var priorities = ParseEnums<TicketPriority>(Priority, "priority", errors);
        var channels = ParseEnums<TicketChannel>(Channel, "channel", errors);
        long? after = null;
        if (!string.IsNullOrEmpty(After))
        {
            after = TicketsApi.DecodeCursor(After);
            if (after is null) errors["after"] = ["The cursor is not one returned as nextCursor by this API."];
        }
        var limit = DefaultLimit;
        if (!string.IsNullOrEmpty(Limit) && (!int.TryParse(Limit, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"The limit must be a whole number from 1 to {MaxLimit}."];
        }
        if (Q is { Length: > 200 }) errors["q"] = ["The search text must be at most 200 characters."];
        return errors.Count > 0
            ? null
            : new TicketFilter(statuses, types, priorities, channels, Blank(Queue), Blank(Assignee), Blank(Requester)?.ToLowerInvariant(), Blank(Tag)?.ToLowerInvariant(), Blank(Q), after, limit);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<T>? ParseEnums<T>(string? text, string field, Dictionary<string, string[]> errors) where T : struct, Enum
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
                errors[field] = [$"'{part}' is not one of {string.Join(", ", Enum.GetNames<T>())}."];
                return null;
            }
        }
        return values;
    }
}

public sealed record TicketFilter(
    List<TicketStatus>? Statuses, List<TicketType>? Types, List<TicketPriority>? Priorities, List<TicketChannel>? Channels,
    string? Queue, string? Assignee, string? Requester, string? Tag, string? Text, long? After, int Limit)
{
    /// <summary>Newest first, keyset-paginated on the ticket sequence: stable under concurrent inserts, no OFFSET scans.</summary>
    public async Task<TicketPage> RunAsync(IQueryable<Ticket> tickets, CancellationToken cancellationToken)
    {
        if (Statuses is not null) tickets = tickets.Where(t => Statuses.Contains(t.Status));
        if (Types is not null) tickets = tickets.Where(t => Types.Contains(t.Type));
        if (Priorities is not null) tickets = tickets.Where(t => Priorities.Contains(t.Priority));
        if (Channels is not null) tickets = tickets.Where(t => Channels.Contains(t.Channel));
        if (Queue is not null) tickets = tickets.Where(t => t.Queue == Queue);
        if (Assignee is not null) tickets = tickets.Where(t => t.AssigneeId == Assignee);
        if (Requester is not null) tickets = tickets.Where(t => t.RequesterEmail == Requester);
        if (Tag is not null) tickets = tickets.Where(t => t.Tags.Contains(Tag));
        if (Text is not null)
        {
            var number = Text.ToUpperInvariant();
            // Lower-cased LIKE behaves the same on SQLite and PostgreSQL; user wildcards are escaped.
            var pattern = "%" + Text.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            tickets = tickets.Where(t => t.Number == number || EF.Functions.Like(t.Subject.ToLower(), pattern, "\\") || EF.Functions.Like(t.Description.ToLower(), pattern, "\\"));
        }
        if (After is { } after) tickets = tickets.Where(t => t.Sequence < after);

        var rows = await tickets.OrderByDescending(t => t.Sequence).Take(Limit + 1)
            .Select(t => new { t.Id, t.Sequence, t.Number, t.Type, t.Channel, t.Status, t.Priority, t.Subject, t.RequesterEmail, t.Queue, t.AssigneeId, t.Tags, t.CreatedAt, t.UpdatedAt })
            .ToListAsync(cancellationToken);
        var page = rows.Take(Limit)
            .Select(t => new TicketSummary(t.Id, t.Number, t.Type, t.Channel, t.Status, t.Priority, t.Subject, t.RequesterEmail, t.Queue, t.AssigneeId, t.Tags, t.CreatedAt, t.UpdatedAt))
            .ToList();
        var next = rows.Count > Limit ? TicketsApi.EncodeCursor(rows[Limit - 1].Sequence) : null;
        return new TicketPage(page, next);
    }
}
