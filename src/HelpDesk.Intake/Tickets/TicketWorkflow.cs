using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;

namespace HelpDesk.Intake.Tickets;

/// <summary>
/// The ticket lifecycle: New → Assigned → InProgress → PendingCustomer → Resolved → Closed, reopen (Resolved →
/// InProgress) within the reopen window, Closed final. Every change queues its events in the outbox of the
/// caller's DbContext; the caller commits.
/// </summary>
public static class TicketWorkflow
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> Allowed = new()
    {
        [TicketStatus.New] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.PendingCustomer, TicketStatus.Resolved],
        [TicketStatus.Assigned] = [TicketStatus.InProgress, TicketStatus.PendingCustomer, TicketStatus.Resolved],
        [TicketStatus.InProgress] = [TicketStatus.Assigned, TicketStatus.PendingCustomer, TicketStatus.Resolved],
        [TicketStatus.PendingCustomer] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Resolved],
        [TicketStatus.Resolved] = [TicketStatus.Closed, TicketStatus.InProgress],
        [TicketStatus.Closed] = [],
    };

    public static IReadOnlyList<TicketStatus> NextStatuses(TicketStatus from) => Allowed[from];

    /// <summary>Applies a transition, or returns why it is not allowed now (the API answers 409 with that reason).</summary>
    public static string? Transition(
        IntakeDbContext db, Ticket ticket, TicketStatus to, string actor, string? reason, DateTimeOffset now, IntakeOptions options,
        string? resolution = null, string? assigneeId = null, string? assigneeName = null)
    {
        var from = ticket.Status;
        if (!Allowed[from].Contains(to))
        {
            return from == TicketStatus.Closed
                ? $"Ticket {ticket.Number} is closed; closed tickets cannot change. Submit a new ticket instead."
                : $"Ticket {ticket.Number} cannot go from {from} to {to}. Allowed next: {string.Join(", ", Allowed[from])}.";
        }
        var reopening = from == TicketStatus.Resolved && to == TicketStatus.InProgress;
        if (reopening && ticket.ResolvedAt is { } resolvedAt && now - resolvedAt > options.ReopenWindow)
        {
            return $"Ticket {ticket.Number} was resolved more than {options.ReopenWindow.TotalDays:0.##} days ago and can no longer be reopened; submit a new ticket.";
        }
        if (to == TicketStatus.Assigned)
        {
            if (!string.IsNullOrWhiteSpace(assigneeId))
            {
                ticket.AssigneeId = assigneeId.Trim();
                ticket.AssigneeName = string.IsNullOrWhiteSpace(assigneeName) ? ticket.AssigneeId : assigneeName.Trim();
            }
            else if (ticket.AssigneeId is null)
            {
                return $"Ticket {ticket.Number} has no assignee: give assigneeId to assign it.";
            }
        }

        ticket.Status = to;
        Touch(ticket, now);
        db.PublishEvent(new TicketStatusChanged(ticket.Id, ticket.Number, from, to, now, actor, reason), ticket.Id);
        switch (to)
        {
            case TicketStatus.Resolved:
                ticket.ResolvedAt = now;
                ticket.Resolution = resolution?.Trim() is { Length: > 0 } text ? text : ticket.Resolution;
                db.PublishEvent(new TicketResolved(ticket.Id, ticket.Number, now, ticket.Resolution, actor), ticket.Id);
                break;
            case TicketStatus.Closed:
                ticket.ClosedAt = now;
                db.PublishEvent(new TicketClosed(ticket.Id, ticket.Number, now), ticket.Id);
                break;
            case TicketStatus.InProgress when reopening:
                ticket.ReopenCount++;
                ticket.ResolvedAt = null;
                db.PublishEvent(new TicketReopened(ticket.Id, ticket.Number, now, reason), ticket.Id);
                break;
        }
        return null;
    }

    /// <summary>
    /// Adds a comment. The first public agent comment is the ticket's first response; a requester's reply to a
    /// ticket waiting on them resumes work (PendingCustomer → InProgress), which also resumes the SLA clock.
    /// </summary>
    public static (TicketComment? Comment, string? Error) Comment(
        IntakeDbContext db, Ticket ticket, string author, CommentAuthorKind kind, bool isPublic, string body, DateTimeOffset now, IntakeOptions options, string? emailMessageId = null)
    {
        if (ticket.Status == TicketStatus.Closed)
        {
            return (null, $"Ticket {ticket.Number} is closed; comments are no longer accepted.");
        }
        if (kind == CommentAuthorKind.Requester && !isPublic)
        {
            return (null, "Requester comments are always public.");
        }
        var firstResponse = kind == CommentAuthorKind.Agent && isPublic && ticket.FirstRespondedAt is null;
        var comment = new TicketComment
        {
            Id = Guid.CreateVersion7(now),
            TicketId = ticket.Id,
            Author = author,
            AuthorKind = kind,
            IsPublic = isPublic,
            Body = body,
            CreatedAt = now,
            IsFirstResponse = firstResponse,
            EmailMessageId = emailMessageId,
        };
        db.Comments.Add(comment);
        if (firstResponse)
        {
            ticket.FirstRespondedAt = now;
        }
        Touch(ticket, now);
        db.PublishEvent(new TicketCommented(ticket.Id, ticket.Number, comment.Id, author, kind, isPublic, body, now, firstResponse), ticket.Id);
        if (kind == CommentAuthorKind.Requester && ticket.Status == TicketStatus.PendingCustomer)
        {
            Transition(db, ticket, TicketStatus.InProgress, author, "requester replied", now, options);
        }
        return (comment, null);
    }

    public static string? Rate(IntakeDbContext db, Ticket ticket, int score, string? comment, DateTimeOffset now)
    {
        if (ticket.Status is not (TicketStatus.Resolved or TicketStatus.Closed))
        {
            return $"Ticket {ticket.Number} is {ticket.Status}; satisfaction can be rated once it is resolved.";
        }
        if (ticket.SatisfactionScore is not null)
        {
            return $"Ticket {ticket.Number} has already been rated.";
        }
        ticket.SatisfactionScore = score;
        ticket.SatisfactionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        ticket.RatedAt = now;
        Touch(ticket, now);
        db.PublishEvent(new TicketRated(ticket.Id, ticket.Number, score, now, ticket.SatisfactionComment), ticket.Id);
        return null;
    }

    public static void Touch(Ticket ticket, DateTimeOffset now)
    {
        ticket.UpdatedAt = now;
        ticket.Version++;
    }
}
