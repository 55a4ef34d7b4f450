namespace HelpDesk.Intake.Domain;

/// <summary>
/// Turns what a ticket method returned (its events and any field changes that publish no event of their own) into
/// history entries: one place decides what the history says, so every operation is recorded the same way.
/// </summary>
public static class TicketHistory
{
    public static IEnumerable<TicketHistoryEntry> Entries(Guid ticketId, TicketResult result, TicketActor actor, DateTimeOffset at)
    {
        foreach (var change in result.Changes)
        {
            yield return Entry(ticketId, actor, at, change.Field, change.OldValue, change.NewValue);
        }
        foreach (var entry in result.Events.SelectMany(e => FromEvent(e)))
        {
            yield return Entry(ticketId, actor, at, entry.Field, entry.Old, entry.New, entry.Detail);
        }
    }

    private static IEnumerable<(string Field, string? Old, string? New, string? Detail)> FromEvent(object evt)
    {
        switch (evt)
        {
            case TicketSubmitted s:
                yield return ("created", null, TicketStatus.New.ToString(), s.Subject);
                break;
            case TicketStatusChanged c:
                yield return ("status", c.From.ToString(), c.To.ToString(), c.Reason);
                break;
            case TicketResolved { Resolution: { } resolution }:
                yield return ("resolution", null, resolution, null);
                break;
            case TicketCommented c:
                yield return ("comment", null, c.IsPublic ? "public" : "internal", Excerpt(c.Body));
                break;
            case TicketRated r:
                yield return ("rating", null, r.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Comment);
                break;
            case TicketUpdated u:
                foreach (var change in u.Changes)
                {
                    yield return (change.Field, change.OldValue, change.NewValue, null);
                }
                break;
            case TicketReassigned r:
                if (r.FromAgentId != r.ToAgentId)
                {
                    yield return ("assignee", r.FromAgentId, r.ToAgentId, r.Reason);
                }
                if (r.ToQueue is not null && !string.Equals(r.FromQueue, r.ToQueue, StringComparison.OrdinalIgnoreCase))
                {
                    yield return ("queue", r.FromQueue, r.ToQueue, r.Reason);
                }
                break;
            case TicketLinked l:
                yield return ("link", null, $"{l.LinkType} {l.TargetTicketNumber}", null);
                break;
            case TicketUnlinked l:
                yield return ("link", $"{l.LinkType} {l.TargetTicketNumber}", null, null);
                break;
            case TicketWatcherAdded w:
                yield return ("watcher", null, w.Email, w.Reason);
                break;
            case TicketMerged m:
                yield return ("merged-into", null, m.TargetTicketNumber, $"{m.CommentsMoved} comment(s) moved");
                break;
            case TicketMergeUndone m:
                yield return ("merged-into", m.TargetTicketNumber, null, "merge undone");
                break;
            case ProblemKnownErrorPublished k:
                yield return ("known-error", null, $"published (revision {k.Revision})", Excerpt(k.Workaround));
                break;
        }
    }

    private static TicketHistoryEntry Entry(Guid ticketId, TicketActor actor, DateTimeOffset at, string field, string? old, string? @new, string? detail = null) => new()
    {
        TicketId = ticketId,
        At = at,
        ActorId = Clip(actor.Id, 200)!,
        Actor = Clip(actor.Name, 200)!,
        Channel = Clip(actor.Channel, 50)!,
        Field = Clip(field, 50)!,
        OldValue = Clip(old, TicketHistoryEntry.ValueMaxLength),
        NewValue = Clip(@new, TicketHistoryEntry.ValueMaxLength),
        Detail = Clip(detail, TicketHistoryEntry.ValueMaxLength),
    };

    private static string Excerpt(string text) => Clip(text.ReplaceLineEndings(" "), 200)!;

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
