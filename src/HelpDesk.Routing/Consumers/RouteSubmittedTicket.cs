using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Outbox;
using HelpDesk.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;

namespace HelpDesk.Routing.Consumers;

/// <summary>Routes a new ticket (rule, model or default), records approval needs, and assigns it when it may be worked.</summary>
public sealed class RouteSubmittedTicket(
    RoutingDbContext db,
    RoutingDecider decider,
    AssignmentService assignment,
    CatalogRequests catalogRequests,
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
            submitted.Description, submitted.Tags, submitted.CatalogItem);
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
            State = RoutedTicketState.Waiting,
            ReceivedAt = now,
        };
        Db.RoutedTickets.Add(ticket);
        var version = await CatalogRequests.ApplyItemAsync(Db, ticket, submitted, cancellationToken);
        var stages = submitted.Type == TicketType.ServiceRequest ? CatalogRequests.StagesFor(decision, version) : null;
        ticket.Approval = stages is null ? ApprovalState.NotRequired : stages.Count == 0 ? ApprovalState.AutoApproved : ApprovalState.Pending;
        ticket.Approver = stages is { Count: > 0 } ? ApprovalSummary.Of(stages[0]) : null;
        Db.PublishEvent(new TicketRouted(ticket.TicketId, ticket.TicketNumber, ticket.Queue, ticket.Category, ticket.DecidedBy, now,
            ticket.PriorityOverride, ticket.Tags, ticket.Confidence, ticket.Approval, ticket.Approver, ticket.Explanation,
            ticket.CatalogItem, ticket.CatalogVersion, ticket.SlaPolicy), ticket.TicketId);
        activity?.SetTag("helpdesk.routing.decided_by", ticket.DecidedBy);
        if (stages is not null)
        {
            await catalogRequests.StartAsync(Db, ticket, submitted, stages, version, now, cancellationToken);
        }
        else
        {
            await assignment.TryAssignAsync(Db, ticket, cancellationToken);
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
