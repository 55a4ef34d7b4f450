using System.Diagnostics;
using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Routing.Assignment;
using HelpDesk.Routing.Rules;
using HelpDesk.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing;

/// <summary>Routes a new ticket (rule, model or default), records approval needs, and assigns it when it may be worked.</summary>
public sealed class RouteSubmittedTicket(
    RoutingDbContext db,
    RoutingDecider decider,
    AssignmentService assignment,
    TimeProvider time,
    ILogger<RouteSubmittedTicket> logger)
    : IdempotentConsumer<TicketSubmitted, RoutingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<TicketSubmitted> context, CancellationToken cancellationToken)
    {
        var submitted = context.Message;
        using var activity = HelpDeskTelemetry.ActivitySource.StartActivity("routing.route-ticket");
        activity?.SetTag(HelpDeskTelemetry.TicketIdTag, submitted.TicketId);
        if (await Db.RoutedTickets.AnyAsync(t => t.TicketId == submitted.TicketId, cancellationToken))
        {
            logger.LogInformation("Ticket {TicketNumber} was already routed; ignoring a second TicketSubmitted", submitted.TicketNumber);
            return;
        }

        var facts = new TicketFacts(submitted.Type, submitted.Channel, submitted.Requester.Organisation, submitted.Subject,
            submitted.Description, submitted.Tags, submitted.CatalogItem, submitted.Language);
        var decision = await decider.DecideAsync(Db, facts, cancellationToken);
        var now = time.GetUtcNow();
        var ticket = new RoutedTicket
        {
            TicketId = submitted.TicketId,
            TicketNumber = submitted.TicketNumber,
            Type = submitted.Type,
            Channel = submitted.Channel,
            Subject = Truncate(submitted.Subject, 500),
            Description = Truncate(submitted.Description, 8000),
            Tags = decision.Tags.ToList(),
            Queue = decision.Queue,
            Category = decision.Category,
            DecidedBy = decision.DecidedBy,
            Confidence = decision.Confidence,
            Explanation = decision.Explanation,
            PriorityOverride = decision.PriorityOverride,
            CatalogItem = decision.CatalogItem,
            Approval = decision.Approval,
            Approver = decision.Approver,
            State = decision.Approval == ApprovalState.Pending ? RoutedTicketState.AwaitingApproval : RoutedTicketState.Waiting,
            ReceivedAt = now,
        };
        Db.RoutedTickets.Add(ticket);
        Db.PublishEvent(new TicketRouted(ticket.TicketId, ticket.TicketNumber, ticket.Queue, ticket.Category, ticket.DecidedBy, now,
            ticket.PriorityOverride, ticket.Tags, ticket.Confidence, ticket.Approval, ticket.Approver, ticket.Explanation), ticket.TicketId);
        if (ticket.Approval == ApprovalState.Pending)
        {
            Db.PublishEvent(new TicketApprovalRequested(ticket.TicketId, ticket.TicketNumber, ticket.CatalogItem ?? "", ticket.Approver!, now), ticket.TicketId);
        }
        activity?.SetTag("helpdesk.routing.decided_by", ticket.DecidedBy);
        await assignment.TryAssignAsync(Db, ticket, cancellationToken);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>Several tickets are routed at once; the assignment itself is serialised by the database (see AssignmentService).</summary>
public sealed class RouteSubmittedTicketDefinition : ConsumerDefinition<RouteSubmittedTicket>
{
    public RouteSubmittedTicketDefinition() => ConcurrentMessageLimit = 8;
}
