using HelpDesk.Routing.Infrastructure.Classification;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

/// <summary>/api/v1/routing/tickets and /explain: what routing decided for a ticket, and the same decision as a dry run.</summary>
internal static class DecisionsApi
{
    public static RouteGroupBuilder MapDecisionsApi(this RouteGroupBuilder routing)
    {
        routing.MapGet("/tickets/{ticketId}", GetTicketAsync).WithName("Routing_GetDecision")
            .WithSummary("Get a ticket's routing decision")
            .WithDescription("What routing decided for a ticket and why (rule or model, scores, queue, agent). Agents read their queues' tickets, approvers the tickets they approve; any other ticket is 404.").ProducesProblem(404);
        routing.MapPost("/explain", ExplainAsync).WithName("Routing_Explain")
            .WithSummary("Explain a routing decision (dry run)")
            .WithDescription("The decision routing would make for a ticket's text, without creating anything.");
        return routing;
    }

    /// <summary>Agents read their queues' decisions, approvers the tickets they approve; any other ticket is 404 (<see cref="QueueAccess"/>).</summary>
    private static async Task<Results<Ok<RoutedTicketView>, NotFound>> GetTicketAsync(
        TicketRef ticketId, Caller caller, RoutingDbContext db, ApproverDirectory directory, CancellationToken cancellationToken) =>
        await db.RoutedTickets.AsNoTracking().WhereTicket(ticketId).FirstOrDefaultAsync(cancellationToken) is { } routed
            && (QueueAccess.MayRead(caller, routed.Queue, routed.AgentId, routed.Approver) || await HoldsASeatAsync(caller, routed.TicketId, db, directory, cancellationToken))
            ? TypedResults.Ok(RoutedTicketView.From(routed))
            : TypedResults.NotFound();

    /// <summary>An approver of any stage of the ticket's approval (a group member, a manager seat) reads its decision too.</summary>
    private static async Task<bool> HoldsASeatAsync(Caller caller, Guid ticketId, RoutingDbContext db, ApproverDirectory directory, CancellationToken cancellationToken)
    {
        if (!caller.IsInRole(HelpDeskRoles.Approver) || await ApprovalEngine.LoadAsync(db, r => r.TicketId == ticketId, cancellationToken) is not { } request)
        {
            return false;
        }
        var names = ApprovalsApi.CallerNames(caller);
        return request.Stages.SelectMany(s => s.Votes).Any(v => directory.Holds(v, names, caller.Groups));
    }

    private static async Task<Results<Ok<ExplainResponse>, ValidationProblem>> ExplainAsync(
        ExplainRequest request, RoutingDbContext db, RoutingDecider decider, TicketClassifier classifier, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Subject) && string.IsNullOrWhiteSpace(request.Description))
        {
            return Validation.Problem("subject", "'subject' or 'description' is required.");
        }
        var facts = new TicketFacts(request.Type ?? TicketType.Incident, request.Channel ?? TicketChannel.Api, request.Organisation,
            request.Subject ?? "", request.Description ?? "", request.Tags ?? [], request.CatalogItem, request.Language);
        var d = await decider.DecideAsync(db, facts, cancellationToken);
        return TypedResults.Ok(new ExplainResponse(d.Queue, d.Category, d.DecidedBy, d.Confidence, d.Explanation, d.PriorityOverride, d.Tags,
            d.Approval, d.Approver, d.CatalogItem, d.RuleChecks, d.Prediction, classifier.ConfidenceThreshold));
    }
}
