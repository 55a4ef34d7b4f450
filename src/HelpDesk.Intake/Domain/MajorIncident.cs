namespace HelpDesk.Intake.Domain;

/// <summary>
/// A group of similar incidents raised by storm detection (N in one category and queue within a window): a candidate
/// until an agent confirms it (or dismisses it). Linked incidents point at it (<see cref="Ticket.MajorIncidentId"/>).
/// </summary>
public sealed class MajorIncident
{
    public Guid Id { get; init; }

    public required string Queue { get; init; }

    public required string Category { get; init; }

    /// <summary>The normalised text of the first incident; later incidents join when similar enough to it.</summary>
    public required string Signature { get; init; }

    public required string Subject { get; init; }

    public MajorIncidentState State { get; private set; } = MajorIncidentState.Candidate;

    public DateTimeOffset FirstSeenAt { get; init; }

    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>
    /// When an incident last joined (to a second): the group takes new incidents while they keep coming within the
    /// window. Joins do not count on this row: a storm's arrivals would all contend for it; counts come from the tickets.
    /// </summary>
    public DateTimeOffset LastLinkedAt { get; private set; }

    public void Joined(DateTimeOffset now)
    {
        if (now - LastLinkedAt >= TimeSpan.FromSeconds(1))
        {
            LastLinkedAt = now;
        }
    }

    public string? ConfirmedBy { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    /// <summary>
    /// Empty while the group is open to new incidents; the group's id once dismissed, so a new storm gets a new candidate.
    /// Not null, because unique indexes let NULLs repeat.
    /// </summary>
    public Guid ClosedKey { get; private set; }

    public int UpdatesPosted { get; set; }

    public MajorIncidentConfirmed? Confirm(TicketActor actor, DateTimeOffset now, int linkedCount)
    {
        if (State != MajorIncidentState.Candidate)
        {
            return null;
        }
        State = MajorIncidentState.Confirmed;
        ConfirmedBy = actor.Name;
        ConfirmedAt = now;
        return new MajorIncidentConfirmed(Id, Queue, Category, linkedCount, actor.Name, now);
    }

    public bool Dismiss()
    {
        if (State != MajorIncidentState.Candidate)
        {
            return false;
        }
        State = MajorIncidentState.Dismissed;
        ClosedKey = Id;
        return true;
    }
}
