using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Notifications.Sending;
using HelpDesk.Notifications.Model;
using MassTransit;
using E = HelpDesk.Notifications.Model.NotificationEventTypes;

namespace HelpDesk.Notifications.Consumers;

/// <summary>
/// Updates the ticket projection and writes the deliveries an event causes, in the inbox transaction: consumers
/// never send. A redelivered message is dropped by the inbox; the unique (event, recipient, channel) key is the
/// second line of defence.
/// </summary>
public abstract class NotificationConsumer<TMessage>(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger logger)
    : IdempotentConsumer<TMessage, NotificationsDbContext>(db, logger)
    where TMessage : class
{
    protected abstract string EventType { get; }

    protected abstract (Guid TicketId, string TicketNumber, DateTimeOffset OccurredAt) Identify(TMessage message);

    protected virtual void Apply(TicketProjection ticket, TMessage message)
    {
    }

    protected virtual NotificationEvent Refine(NotificationEvent evt, TMessage message) => evt;

    /// <summary>True when another event already tells people about this change (the contract's <c>Quiet</c>): the projection follows, nobody is notified.</summary>
    protected virtual bool IsQuiet(TMessage message) => false;

    protected override async Task HandleAsync(ConsumeContext<TMessage> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var (ticketId, number, occurredAt) = Identify(message);
        var ticket = await Db.Tickets.FindAsync([ticketId], cancellationToken);
        if (ticket is null)
        {
            // Events may overtake TicketSubmitted; start the projection with what this one tells.
            ticket = new TicketProjection { TicketId = ticketId, TicketNumber = number };
            Db.Tickets.Add(ticket);
        }
        Apply(ticket, message);
        ticket.UpdatedAt = time.GetUtcNow();
        if (IsQuiet(message))
        {
            return;
        }
        var evt = Refine(new NotificationEvent(EventType, context.MessageId!.Value, occurredAt, message, ticket), message);
        await planner.PlanAsync(Db, evt, cancellationToken);
    }
}

public sealed class NotifyTicketSubmitted(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifyTicketSubmitted> logger)
    : NotificationConsumer<TicketSubmitted>(db, planner, time, logger)
{
    protected override string EventType => E.TicketSubmitted;

    protected override (Guid, string, DateTimeOffset) Identify(TicketSubmitted m) => (m.TicketId, m.TicketNumber, m.SubmittedAt);

    protected override void Apply(TicketProjection ticket, TicketSubmitted m)
    {
        ticket.TicketNumber = m.TicketNumber;
        ticket.Subject = m.Subject;
        ticket.RequesterEmail = m.Requester.Email;
        ticket.RequesterName = m.Requester.Name;
        ticket.Language = Templates.TemplateCatalog.NormalizeLanguage(m.Language);
        ticket.Status ??= TicketStatus.New;
    }
}

public sealed class NotifyTicketStatusChanged(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifyTicketStatusChanged> logger)
    : NotificationConsumer<TicketStatusChanged>(db, planner, time, logger)
{
    protected override string EventType => E.TicketStatusChanged;

    protected override (Guid, string, DateTimeOffset) Identify(TicketStatusChanged m) => (m.TicketId, m.TicketNumber, m.ChangedAt);

    protected override void Apply(TicketProjection ticket, TicketStatusChanged m) => ticket.Status = m.To;

    protected override bool IsQuiet(TicketStatusChanged message) => message.Quiet;
}

public sealed class NotifyTicketCommented(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifyTicketCommented> logger)
    : NotificationConsumer<TicketCommented>(db, planner, time, logger)
{
    protected override string EventType => E.TicketCommented;

    protected override (Guid, string, DateTimeOffset) Identify(TicketCommented m) => (m.TicketId, m.TicketNumber, m.CommentedAt);

    protected override bool IsQuiet(TicketCommented message) => message.Quiet;

    protected override NotificationEvent Refine(NotificationEvent evt, TicketCommented m) => evt with
    {
        StaffOnly = !m.IsPublic,
        Actor = m.Author,
        ActorIsRequester = m.AuthorKind == CommentAuthorKind.Requester,
    };
}

public sealed class NotifyTicketResolved(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifyTicketResolved> logger)
    : NotificationConsumer<TicketResolved>(db, planner, time, logger)
{
    protected override string EventType => E.TicketResolved;

    protected override (Guid, string, DateTimeOffset) Identify(TicketResolved m) => (m.TicketId, m.TicketNumber, m.ResolvedAt);

    protected override void Apply(TicketProjection ticket, TicketResolved m) => ticket.Status = TicketStatus.Resolved;

    protected override bool IsQuiet(TicketResolved message) => message.Quiet;
}

public sealed class NotifyTicketClosed(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifyTicketClosed> logger)
    : NotificationConsumer<TicketClosed>(db, planner, time, logger)
{
    protected override string EventType => E.TicketClosed;

    protected override (Guid, string, DateTimeOffset) Identify(TicketClosed m) => (m.TicketId, m.TicketNumber, m.ClosedAt);

    protected override void Apply(TicketProjection ticket, TicketClosed m) => ticket.Status = TicketStatus.Closed;

    protected override bool IsQuiet(TicketClosed message) => message.Quiet;
}

public sealed class NotifyTicketReopened(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifyTicketReopened> logger)
    : NotificationConsumer<TicketReopened>(db, planner, time, logger)
{
    protected override string EventType => E.TicketReopened;

    protected override (Guid, string, DateTimeOffset) Identify(TicketReopened m) => (m.TicketId, m.TicketNumber, m.ReopenedAt);
}

public sealed class NotifyTicketRouted(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifyTicketRouted> logger)
    : NotificationConsumer<TicketRouted>(db, planner, time, logger)
{
    protected override string EventType => E.TicketRouted;

    protected override (Guid, string, DateTimeOffset) Identify(TicketRouted m) => (m.TicketId, m.TicketNumber, m.RoutedAt);

    protected override void Apply(TicketProjection ticket, TicketRouted m)
    {
        ticket.Queue = m.Queue;
        if (m.Approver is not null)
        {
            ticket.Approver = m.Approver;
        }
    }
}

public sealed class NotifyTicketAssigned(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifyTicketAssigned> logger)
    : NotificationConsumer<TicketAssigned>(db, planner, time, logger)
{
    protected override string EventType => E.TicketAssigned;

    protected override (Guid, string, DateTimeOffset) Identify(TicketAssigned m) => (m.TicketId, m.TicketNumber, m.AssignedAt);

    protected override void Apply(TicketProjection ticket, TicketAssigned m)
    {
        ticket.Queue = m.Queue;
        ticket.AssigneeId = m.AgentId;
        ticket.AssigneeName = m.AgentName;
        ticket.AssigneeEmail = m.AgentEmail;
    }
}

public sealed class NotifyTicketApprovalRequested(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifyTicketApprovalRequested> logger)
    : NotificationConsumer<TicketApprovalRequested>(db, planner, time, logger)
{
    protected override string EventType => E.TicketApprovalRequested;

    protected override (Guid, string, DateTimeOffset) Identify(TicketApprovalRequested m) => (m.TicketId, m.TicketNumber, m.RequestedAt);

    protected override void Apply(TicketProjection ticket, TicketApprovalRequested m) => ticket.Approver = m.Approver;
}

public sealed class NotifySlaWarningRaised(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifySlaWarningRaised> logger)
    : NotificationConsumer<SlaWarningRaised>(db, planner, time, logger)
{
    protected override string EventType => E.SlaWarningRaised;

    protected override (Guid, string, DateTimeOffset) Identify(SlaWarningRaised m) => (m.TicketId, m.TicketNumber, m.RaisedAt);

    protected override void Apply(TicketProjection ticket, SlaWarningRaised m) => ticket.Queue ??= m.Queue;
}

public sealed class NotifySlaBreached(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifySlaBreached> logger)
    : NotificationConsumer<SlaBreached>(db, planner, time, logger)
{
    protected override string EventType => E.SlaBreached;

    protected override (Guid, string, DateTimeOffset) Identify(SlaBreached m) => (m.TicketId, m.TicketNumber, m.BreachedAt);

    protected override void Apply(TicketProjection ticket, SlaBreached m) => ticket.Queue ??= m.Queue;
}

public sealed class NotifyKbArticlesSuggested(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotifyKbArticlesSuggested> logger)
    : NotificationConsumer<KbArticlesSuggested>(db, planner, time, logger)
{
    protected override string EventType => E.KbArticlesSuggested;

    protected override (Guid, string, DateTimeOffset) Identify(KbArticlesSuggested m) => (m.TicketId, m.TicketNumber, m.SuggestedAt);

    protected override NotificationEvent Refine(NotificationEvent evt, KbArticlesSuggested m) =>
        m.Articles.Count == 0 ? evt with { StaffOnly = true } : evt;
}
