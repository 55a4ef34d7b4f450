using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Routing.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Consumers;

/// <summary>Keeps the requester's CSAT score on the routed ticket for the per-item catalogue reports.</summary>
public sealed class RecordRatingOnRequest(RoutingDbContext db, ILogger<RecordRatingOnRequest> logger)
    : IdempotentConsumer<TicketRated, RoutingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<TicketRated> context, CancellationToken cancellationToken)
    {
        if (await Db.RoutedTickets.FirstOrDefaultAsync(t => t.TicketId == context.Message.TicketId, cancellationToken) is { } ticket)
        {
            ticket.RecordSatisfaction(context.Message.Score);
        }
    }
}
