namespace HelpDesk.Intake.Domain;

/// <summary>
/// A validated list of actions for one ticket (a macro, or a bulk operation's actions), applied all or nothing:
/// fields first, then the hand-over, then the reply or note, then the status. The first refusal stops the plan and
/// the caller discards every change made to the ticket so far (never half-applied).
/// </summary>
public sealed record TicketActionPlan(
    TicketEdit Edit,
    string? AssigneeId,
    string? Queue,
    string? Reply,
    string? Note,
    TicketStatus? Status,
    string? Resolution)
{
    /// <summary>The action fields a macro or bulk operation may use.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["status", "resolution", "priority", "impact", "urgency", "type", "category", "addTags", "removeTags", "reply", "note", "assignee", "queue"];

    public sealed record Outcome(TicketResult Result, IReadOnlyList<TicketComment> Comments);

    public Outcome ApplyTo(Ticket ticket, TicketActor actor, DateTimeOffset now, Func<ImpactLevel, UrgencyLevel, TicketPriority> priorityFor, TimeSpan reopenWindow, int maxTags)
    {
        var events = new List<object>();
        var changes = new List<TicketFieldChange>();
        var comments = new List<TicketComment>();
        bool Step(TicketResult step, out TicketResult failure)
        {
            failure = step;
            if (step.Error?.Kind == TicketErrorKind.NothingToChange)
            {
                return true; // already so: nothing to do is not a failure of the plan
            }
            events.AddRange(step.Events);
            changes.AddRange(step.Changes);
            return step.Succeeded;
        }
        TicketResult failed;
        if (!Edit.IsEmpty && !Step(ticket.Edit(Edit, priorityFor, actor, now, maxTags), out failed))
        {
            return new(failed, []);
        }
        if ((AssigneeId is not null || Queue is not null) && !Step(ticket.Reassign(AssigneeId, null, Queue, "macro", actor, now), out failed))
        {
            return new(failed, []);
        }
        foreach (var (text, isPublic) in new[] { (Reply, true), (Note, false) })
        {
            if (text is null)
            {
                continue;
            }
            var (comment, result) = ticket.Comment(new NewComment(actor.Name, CommentAuthorKind.Agent, isPublic, TicketPlaceholders.Render(text, ticket, actor)), now, reopenWindow);
            if (!Step(result, out failed))
            {
                return new(failed, []);
            }
            comments.Add(comment!);
        }
        if (Status is { } status && status != ticket.Status
            && !Step(ticket.Transition(new TicketTransition(status, actor.Name, "macro", Resolution), now, reopenWindow), out failed))
        {
            return new(failed, []);
        }
        return new(TicketResult.Ok(events) with { Changes = changes }, comments);
    }
}
