using HelpDesk.Messaging.Inbox;
using HelpDesk.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;

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
        if (await RoutedTicketQueries.IsRoutedAsync(Db, submitted.TicketId, cancellationToken))
        {
            logger.LogInformation("Ticket {TicketNumber} was already routed; ignoring a second TicketSubmitted", submitted.TicketNumber);
            return;
        }

        var facts = new TicketFacts(submitted.Type, submitted.Channel, submitted.Requester.Organisation, submitted.Subject,
            submitted.Description, submitted.Tags, submitted.CatalogItem, submitted.Language);
        var decision = await decider.DecideAsync(Db, facts, cancellationToken);
        var now = time.GetUtcNow();
        var version = await CatalogRequests.FindVersionAsync(Db, decision.CatalogItem, submitted, cancellationToken);
        var stages = submitted.Type == TicketType.ServiceRequest ? CatalogRequests.StagesFor(decision, version) : null;
        var (ticket, events) = RoutedTicket.Route(submitted, decision, version, stages, now);
        Db.RoutedTickets.Add(ticket);
        Db.PublishEvents(events, ticket.TicketId);
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
}
