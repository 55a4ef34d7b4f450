using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Api;

/// <summary>A parsed, valid <see cref="TicketListQuery"/>.</summary>
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
        var next = rows.Count > Limit ? TicketCursor.Encode(rows[Limit - 1].Sequence) : null;
        return new TicketPage(page, next);
    }
}
