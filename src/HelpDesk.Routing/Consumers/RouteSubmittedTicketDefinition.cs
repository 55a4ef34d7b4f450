using MassTransit;

namespace HelpDesk.Routing.Consumers;

/// <summary>Several tickets are routed at once; the assignment itself is serialised by the database (see AssignmentService).</summary>
public sealed class RouteSubmittedTicketDefinition : ConsumerDefinition<RouteSubmittedTicket>
{
    public RouteSubmittedTicketDefinition() => ConcurrentMessageLimit = 8;
}
