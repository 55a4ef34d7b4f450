namespace HelpDesk.Intake.Domain;

/// <summary>Links, merges (with undo) and problem records (issue 17).</summary>
public sealed partial class Ticket
{
    /// <summary>Set while this ticket is a duplicate merged into another.</summary>
    public Guid? MergedIntoTicketId { get; private set; }

    public TicketStatus? StatusBeforeMerge { get; private set; }

    public DateTimeOffset? MergedAt { get; private set; }

    /// <summary>Problem records: the cause found, the way around it until it is removed, and whether it is a published known error.</summary>
    public string? RootCause { get; private set; }

    public string? Workaround { get; private set; }

    public bool IsKnownError { get; private set; }

    /// <summary>Grows with each publication of the known error, so the knowledge base keeps the newest.</summary>
    public long KnownErrorRevision { get; private set; }

    /// <summary>The major incident this ticket was grouped into by storm detection.</summary>
    public Guid? MajorIncidentId { get; private set; }

    /// <summary>
    /// Links this ticket to <paramref name="target"/>. <paramref name="duplicateChain"/> are the tickets the target is
    /// (transitively) a duplicate of, so a duplicate-of cycle is refused; <paramref name="exists"/> says whether the
    /// same link (or, for related, its mirror) is already there.
    /// </summary>
    public (TicketLink? Link, TicketResult Result) LinkTo(Ticket target, TicketLinkType type, IReadOnlySet<Guid> duplicateChain, bool exists, TicketActor actor, DateTimeOffset now)
    {
        if (target.Id == Id)
        {
            return (null, TicketResult.Fail(TicketErrorKind.InvalidLink, $"Ticket {Number} cannot be linked to itself."));
        }
        if (TicketLinkTypes.RequiredTargetType(type) is { } required && target.Type != required)
        {
            return (null, TicketResult.Fail(TicketErrorKind.InvalidLink, $"A '{TicketLinkTypes.Label(type)}' link must point at a {required}; {target.Number} is a {target.Type}."));
        }
        if (type == TicketLinkType.DuplicateOf && duplicateChain.Contains(Id))
        {
            return (null, TicketResult.Fail(TicketErrorKind.InvalidLink, $"{target.Number} is already (through its own links) a duplicate of {Number}: that would be a cycle."));
        }
        if (exists)
        {
            return (null, TicketResult.Fail(TicketErrorKind.NothingToChange, $"{Number} is already {TicketLinkTypes.Label(type)} {target.Number}."));
        }
        Touch(now);
        var link = new TicketLink { TicketId = Id, Type = type, TargetTicketId = target.Id, CreatedBy = actor.Name, CreatedAt = now };
        return (link, TicketResult.Ok(new TicketLinked(Id, Number, type, target.Id, target.Number, actor.Name, now)));
    }

    public TicketResult Unlink(Ticket target, TicketLinkType type, TicketActor actor, DateTimeOffset now)
    {
        Touch(now);
        return TicketResult.Ok(new TicketUnlinked(Id, Number, type, target.Id, target.Number, actor.Name, now));
    }

    /// <summary>
    /// Merges this duplicate into <paramref name="target"/>: closed as a duplicate (remembering its status for an undo),
    /// its comments (moved by the caller) now live on the target. The target's side is <see cref="AcceptMerge"/>.
    /// </summary>
    public TicketResult MergeInto(Ticket target, int commentsMoved, TicketActor actor, DateTimeOffset now, TimeSpan undoWindow)
    {
        if (target.Id == Id)
        {
            return TicketResult.Fail(TicketErrorKind.InvalidLink, $"Ticket {Number} cannot be merged into itself.");
        }
        if (target.MergedIntoTicketId is not null)
        {
            return TicketResult.Fail(TicketErrorKind.InvalidLink, $"{target.Number} is itself merged into {(target.MergedIntoTicketId == Id ? Number : "another ticket")}; that would be a merge cycle.");
        }
        if (TicketLifecycle.IsFinal(Status) || TicketLifecycle.IsFinal(target.Status))
        {
            var closed = TicketLifecycle.IsFinal(Status) ? this : target;
            return TicketResult.Fail(TicketErrorKind.Closed, $"Ticket {closed.Number} is {closed.Status}; only open tickets can be merged.");
        }
        var reason = $"duplicate of {target.Number}";
        StatusBeforeMerge = Status;
        MergedIntoTicketId = target.Id;
        MergedAt = now;
        Resolution = $"Merged into {target.Number} as a duplicate.";
        // Closing is told by TicketMerged: the status events are quiet, so the requester hears once.
        var events = new List<object>
        {
            new TicketMerged(Id, Number, target.Id, target.Number, RequesterEmail, commentsMoved, actor.Name, now, now + undoWindow),
            new TicketLinked(Id, Number, TicketLinkType.DuplicateOf, target.Id, target.Number, actor.Name, now),
        };
        events.AddRange(MoveTo(TicketStatus.Closed, actor.Name, reason, now, quiet: true));
        Touch(now);
        return TicketResult.Ok(events);
    }

    /// <summary>The target's side of a merge: the duplicate's requester follows it from now on (when it is someone else).</summary>
    public TicketResult AcceptMerge(Ticket source, TicketActor actor, DateTimeOffset now)
    {
        Touch(now);
        List<object> events = [];
        if (!string.Equals(source.RequesterEmail, RequesterEmail, StringComparison.OrdinalIgnoreCase))
        {
            events.Add(new TicketWatcherAdded(Id, Number, source.RequesterEmail, now, $"requester of merged duplicate {source.Number}"));
        }
        return TicketResult.Ok(events) with { Changes = [new TicketFieldChange("duplicate", null, source.Number)] };
    }

    /// <summary>Undoes a merge within the window: the duplicate returns to the status it had (its comments are moved back by the caller).</summary>
    public TicketResult UndoMerge(Ticket target, TicketActor actor, DateTimeOffset now, TimeSpan undoWindow)
    {
        if (MergedIntoTicketId != target.Id || StatusBeforeMerge is not { } before || MergedAt is not { } mergedAt)
        {
            return TicketResult.Fail(TicketErrorKind.NothingToChange, $"Ticket {Number} is not merged into {target.Number}.");
        }
        if (now - mergedAt > undoWindow)
        {
            return TicketResult.Fail(TicketErrorKind.ReopenWindowPassed, $"{Number} was merged more than {undoWindow.TotalHours:0.##} hours ago; the merge can no longer be undone.");
        }
        var from = Status;
        Status = before;
        ClosedAt = null;
        Resolution = null;
        MergedIntoTicketId = null;
        StatusBeforeMerge = null;
        MergedAt = null;
        Touch(now);
        return TicketResult.Ok(
            new TicketMergeUndone(Id, Number, target.Id, target.Number, actor.Name, now),
            new TicketUnlinked(Id, Number, TicketLinkType.DuplicateOf, target.Id, target.Number, actor.Name, now),
            new TicketStatusChanged(Id, Number, from, before, now, actor.Name, $"merge into {target.Number} undone"),
            new TicketReopened(Id, Number, now, $"merge into {target.Number} undone"));
    }

    /// <summary>Records a problem's analysis; only problems have one.</summary>
    public TicketResult RecordAnalysis(string? rootCause, string? workaround, TicketActor actor, DateTimeOffset now)
    {
        if (Type != TicketType.Problem)
        {
            return TicketResult.Fail(TicketErrorKind.NotAProblem, $"{Number} is a {Type}; root cause and workaround belong to problems.");
        }
        var changes = new List<TicketFieldChange>();
        if (rootCause is not null && rootCause != RootCause)
        {
            changes.Add(new TicketFieldChange("rootCause", RootCause, rootCause));
            RootCause = rootCause;
        }
        if (workaround is not null && workaround != Workaround)
        {
            changes.Add(new TicketFieldChange("workaround", Workaround, workaround));
            Workaround = workaround;
        }
        if (changes.Count == 0)
        {
            return TicketResult.Ok();
        }
        Touch(now);
        return TicketResult.Ok(new TicketUpdated(Id, Number, changes, actor.Name, now, Version, Queue, Priority));
    }

    /// <summary>Publishes the problem as a known error (root cause and workaround required); again after an edit updates the article.</summary>
    public TicketResult PublishKnownError(TicketActor actor, DateTimeOffset now)
    {
        if (Type != TicketType.Problem)
        {
            return TicketResult.Fail(TicketErrorKind.NotAProblem, $"{Number} is a {Type}; only problems become known errors.");
        }
        if (string.IsNullOrWhiteSpace(RootCause) || string.IsNullOrWhiteSpace(Workaround))
        {
            return TicketResult.Fail(TicketErrorKind.AnalysisIncomplete, $"Problem {Number} needs a root cause and a workaround before it is published as a known error.");
        }
        IsKnownError = true;
        KnownErrorRevision++;
        Touch(now);
        return TicketResult.Ok(new ProblemKnownErrorPublished(Id, Number, $"Known error: {Subject}", RootCause, Workaround, Language, Category, Tags, KnownErrorRevision, actor.Name, now));
    }

    /// <summary>Storm detection grouped this ticket into a major incident (once).</summary>
    public TicketResult JoinMajorIncident(Guid majorIncidentId, DateTimeOffset now)
    {
        if (MajorIncidentId is not null)
        {
            return TicketResult.Ok();
        }
        MajorIncidentId = majorIncidentId;
        Touch(Later(now));
        return TicketResult.Ok() with { Changes = [new TicketFieldChange("majorIncident", null, majorIncidentId.ToString())] };
    }
}
