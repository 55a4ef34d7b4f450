namespace HelpDesk.Intake.Domain;

/// <summary>Agent operations: reassignment and field edits (issue 17).</summary>
public sealed partial class Ticket
{
    /// <summary>Grows by one per reassignment; routing echoes it, so an older assignment never overwrites a newer one.</summary>
    public long AssignmentSequence { get; private set; }

    /// <summary>
    /// Hands the ticket to another agent and/or queue. With an agent the ticket is theirs at once (a new ticket becomes
    /// Assigned); with only a queue the agent is cleared and routing picks one there by the queue's strategy.
    /// </summary>
    public TicketResult Reassign(string? agentId, string? agentName, string? queue, string? reason, TicketActor actor, DateTimeOffset now)
    {
        if (TicketLifecycle.IsDone(Status))
        {
            return TicketResult.Fail(TicketErrorKind.TransitionNotAllowed, $"Ticket {Number} is {Status}; reopen it before handing it to someone else.");
        }
        if (agentId is not null && agentId == AssigneeId && (queue is null || string.Equals(queue, Queue, StringComparison.OrdinalIgnoreCase)))
        {
            return TicketResult.Fail(TicketErrorKind.NothingToChange, $"Ticket {Number} is already assigned to {AssigneeName ?? agentId}.");
        }
        var (fromAgent, fromQueue) = (AssigneeId, Queue);
        AssignmentSequence++;
        Queue = queue ?? Queue;
        AssigneeId = agentId;
        AssigneeName = agentId is null ? null : agentName ?? agentId;
        List<object> events =
        [
            new TicketReassigned(Id, Number, AssignmentSequence, fromAgent, AssigneeId, AssigneeName, fromQueue, queue ?? Queue, actor.Name, now, reason),
        ];
        if (agentId is not null && TicketLifecycle.MovesToAssignedOnAssignment(Type, Status))
        {
            events.AddRange(MoveTo(TicketStatus.Assigned, actor.Name, reason ?? "assigned by an agent", now));
        }
        Touch(now);
        return TicketResult.Ok(events);
    }

    /// <summary>
    /// Changes priority, impact, urgency, type, category or tags: one <see cref="TicketUpdated"/> listing each field's
    /// old and new value. A type change must keep the ticket in a status the new type has.
    /// </summary>
    public TicketResult Edit(TicketEdit edit, Func<ImpactLevel, UrgencyLevel, TicketPriority> priorityFor, TicketActor actor, DateTimeOffset now, int maxTags)
    {
        if (TicketLifecycle.IsFinal(Status))
        {
            return TicketResult.Fail(TicketErrorKind.Closed, $"Ticket {Number} is {Status}; it cannot change any more.");
        }
        if (edit.Type is { } type && type != Type && !TicketLifecycle.StatusesOf(type).Contains(Status))
        {
            return TicketResult.Fail(TicketErrorKind.TransitionNotAllowed, $"A {type} has no {Status} status; move {Number} to one of {string.Join(", ", TicketLifecycle.StatusesOf(type))} first.");
        }
        var tags = (edit.Tags ?? Tags).Concat(edit.AddTags ?? []).Except(edit.RemoveTags ?? []).Distinct().ToList();
        if (tags.Count > maxTags)
        {
            return TicketResult.Fail(TicketErrorKind.TooManyTags, $"Ticket {Number} would have {tags.Count} tags; at most {maxTags} are allowed.");
        }
        var changes = new List<TicketFieldChange>();
        Set("type", Type, edit.Type ?? Type, v => Type = v, changes);
        Set("impact", Impact, edit.Impact ?? Impact, v => Impact = v, changes);
        Set("urgency", Urgency, edit.Urgency ?? Urgency, v => Urgency = v, changes);
        var priority = edit.Priority ?? (edit.Impact is not null || edit.Urgency is not null ? priorityFor(Impact, Urgency) : Priority);
        Set("priority", Priority, priority, v => Priority = v, changes);
        if (edit.Category is { } category && category != Category)
        {
            changes.Add(new TicketFieldChange("category", Category, category));
            Category = category;
        }
        if (!tags.SequenceEqual(Tags))
        {
            changes.Add(new TicketFieldChange("tags", string.Join(",", Tags), string.Join(",", tags)));
            Tags = tags;
        }
        if (changes.Count == 0)
        {
            return TicketResult.Ok();
        }
        Touch(now);
        return TicketResult.Ok(new TicketUpdated(Id, Number, changes, actor.Name, now, Version, Queue, Priority));
    }

    private static void Set<T>(string field, T current, T next, Action<T> apply, List<TicketFieldChange> changes)
        where T : struct, Enum
    {
        if (!current.Equals(next))
        {
            changes.Add(new TicketFieldChange(field, current.ToString(), next.ToString()));
            apply(next);
        }
    }
}
