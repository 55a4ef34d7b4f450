namespace HelpDesk.Notifications.Domain;

/// <summary>An event as Notifications announces it, with rules that narrow who may hear it.</summary>
public sealed record NotificationEvent(string Type, Guid MessageId, DateTimeOffset OccurredAt, object Data, TicketProjection Ticket)
{
    /// <summary>Internal comments: never to the requester nor watchers (who may be outside the organisation).</summary>
    public bool StaffOnly { get; init; }

    /// <summary>The person who caused the event (a comment's author) does not need to hear about it.</summary>
    public string? Actor { get; init; }

    public bool ActorIsRequester { get; init; }

    /// <summary>The address of the e-mail this event answers (the <see cref="RecipientRole.Sender"/>).</summary>
    public string? AnswerTo { get; init; }

    /// <summary>True when another event already tells people about this change (the contract's <c>Quiet</c>): nobody hears this one.</summary>
    public static bool IsQuiet(ITicketEvent evt) =>
        evt is TicketStatusChanged { Quiet: true } or TicketCommented { Quiet: true } or TicketResolved { Quiet: true } or TicketClosed { Quiet: true };

    /// <summary>
    /// <paramref name="evt"/> as announced: an internal comment is for staff only and not for its author; a suggestion of
    /// no articles is for staff only.
    /// </summary>
    public static NotificationEvent From(ITicketEvent evt, Guid messageId, TicketProjection ticket)
    {
        var announced = new NotificationEvent(NotificationEventTypes.NameOf(evt.GetType()), messageId, evt.OccurredAt, evt, ticket);
        return evt switch
        {
            TicketCommented comment => announced with
            {
                StaffOnly = !comment.IsPublic,
                Actor = comment.Author,
                ActorIsRequester = comment.AuthorKind == CommentAuthorKind.Requester,
            },
            KbArticlesSuggested { Articles.Count: 0 } => announced with { StaffOnly = true },
            ApprovalReplyRefused refused => announced with { AnswerTo = refused.Sender },
            _ => announced,
        };
    }
}
