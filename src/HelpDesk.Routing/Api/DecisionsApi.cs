using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Routing.Assignment;
using HelpDesk.Routing.Classification;
using HelpDesk.Routing.Rules;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

public sealed record ExplainRequest(
    TicketType? Type, TicketChannel? Channel, string? Organisation, string? Subject, string? Description, List<string>? Tags, string? CatalogItem, string? Language = null);

public sealed record ExplainResponse(
    string Queue, string Category, string DecidedBy, double? Confidence, string Explanation, TicketPriority? PriorityOverride,
    IReadOnlyList<string> Tags, ApprovalState Approval, string? Approver, string? CatalogItem,
    IReadOnlyList<RuleCheck> Rules, ClassifierPrediction? Model, double ModelConfidenceThreshold);

public sealed record ApprovalDecisionRequest(string? Approver, string? Reason);

public sealed record RoutedTicketView(
    Guid TicketId, string TicketNumber, TicketType Type, string Queue, string Category, string DecidedBy, double? Confidence, string? Explanation,
    TicketPriority? PriorityOverride, IReadOnlyList<string> Tags, string? CatalogItem, ApprovalState Approval, string? Approver,
    string? ApprovalDecidedBy, RoutedTicketState State, string? AgentId, string? AssignmentStrategy, DateTimeOffset ReceivedAt,
    DateTimeOffset? AssignedAt, bool IsOpen)
{
    public static RoutedTicketView From(RoutedTicket t) => new(t.TicketId, t.TicketNumber, t.Type, t.Queue, t.Category, t.DecidedBy, t.Confidence,
        t.Explanation, t.PriorityOverride, t.Tags, t.CatalogItem, t.Approval, t.Approver, t.ApprovalDecidedBy, t.State, t.AgentId,
        t.AssignmentStrategy, t.ReceivedAt, t.AssignedAt, t.IsOpen);
}

/// <summary>Routed tickets, dry-run explanations, approvals and the classifier.</summary>
internal static class DecisionsApi
{
    public const string ClientNameHeader = "X-HelpDesk-Client-Name";

    public static void MapDecisionsApi(this RouteGroupBuilder routing)
    {
        routing.MapGet("/tickets/{ticketId:guid}", async Task<Results<Ok<RoutedTicketView>, NotFound>> (Guid ticketId, RoutingDbContext db, CancellationToken cancellationToken) =>
            await db.RoutedTickets.AsNoTracking().FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken) is { } ticket
                ? TypedResults.Ok(RoutedTicketView.From(ticket))
                : TypedResults.NotFound());

        routing.MapPost("/explain", async Task<Results<Ok<ExplainResponse>, ValidationProblem>> (ExplainRequest request, RoutingDbContext db, RoutingDecider decider, TicketClassifier classifier, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(request.Subject) && string.IsNullOrWhiteSpace(request.Description))
            {
                return TypedResults.ValidationProblem(new Validation().Add("subject", "'subject' or 'description' is required.").Errors);
            }
            var facts = new TicketFacts(request.Type ?? TicketType.Incident, request.Channel ?? TicketChannel.Api, request.Organisation,
                request.Subject ?? "", request.Description ?? "", request.Tags ?? [], request.CatalogItem, request.Language);
            var d = await decider.DecideAsync(db, facts, cancellationToken);
            return TypedResults.Ok(new ExplainResponse(d.Queue, d.Category, d.DecidedBy, d.Confidence, d.Explanation, d.PriorityOverride, d.Tags,
                d.Approval, d.Approver, d.CatalogItem, d.RuleChecks, d.Prediction, classifier.ConfidenceThreshold));
        });

        var approvals = routing.MapGroup("/approvals");
        approvals.MapGet("/", async (RoutingDbContext db, string? approver, CancellationToken cancellationToken) =>
        {
            var pending = db.RoutedTickets.AsNoTracking().Where(t => t.Approval == ApprovalState.Pending);
            if (!string.IsNullOrWhiteSpace(approver))
            {
                pending = pending.Where(t => t.Approver == approver);
            }
            return TypedResults.Ok((await pending.OrderBy(t => t.ReceivedAt).Take(500).ToListAsync(cancellationToken)).Select(RoutedTicketView.From).ToList());
        });
        approvals.MapPost("/{ticketId:guid}/approve", (Guid ticketId, [FromBody] ApprovalDecisionRequest? request, HttpContext http, RoutingDbContext db, AssignmentService assignment, TimeProvider time, CancellationToken cancellationToken) =>
            DecideAsync(ticketId, approved: true, request, http, db, assignment, time, cancellationToken));
        approvals.MapPost("/{ticketId:guid}/reject", (Guid ticketId, [FromBody] ApprovalDecisionRequest? request, HttpContext http, RoutingDbContext db, AssignmentService assignment, TimeProvider time, CancellationToken cancellationToken) =>
            DecideAsync(ticketId, approved: false, request, http, db, assignment, time, cancellationToken));
    }

    private static async Task<Results<Ok<RoutedTicketView>, NotFound, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid ticketId, bool approved, ApprovalDecisionRequest? request, HttpContext http, RoutingDbContext db, AssignmentService assignment,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var approver = http.Request.Headers[ClientNameHeader].FirstOrDefault() is { Length: > 0 } fromGateway ? fromGateway : request?.Approver?.Trim();
        if (string.IsNullOrWhiteSpace(approver))
        {
            return TypedResults.ValidationProblem(new Validation().Add("approver", $"'approver' is required (body field or the {ClientNameHeader} header).").Errors);
        }
        if (request?.Reason is { Length: > 2000 })
        {
            return TypedResults.ValidationProblem(new Validation().Add("reason", "'reason' must be at most 2000 characters.").Errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticket = await db.RoutedTickets.FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken);
        if (ticket is null)
        {
            return TypedResults.NotFound();
        }
        if (ticket.Approval != ApprovalState.Pending)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not awaiting approval",
                detail: $"Ticket {ticket.TicketNumber} is {ticket.Approval}, not pending approval.");
        }
        if (!string.Equals(ticket.Approver, approver, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not the approver",
                detail: $"Ticket {ticket.TicketNumber} awaits approval by '{ticket.Approver}', not '{approver}'.");
        }
        var now = time.GetUtcNow();
        ticket.Approval = approved ? ApprovalState.Approved : ApprovalState.Rejected;
        ticket.ApprovalDecidedBy = approver;
        db.PublishEvent(new TicketApprovalDecided(ticket.TicketId, ticket.TicketNumber, approved, approver, now, request?.Reason), ticket.TicketId);
        if (approved)
        {
            ticket.State = RoutedTicketState.Waiting;
            await assignment.TryAssignAsync(db, ticket, cancellationToken);
        }
        else
        {
            ticket.State = RoutedTicketState.Rejected;
            ticket.IsOpen = false;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RoutedTicketView.From(ticket));
    }
}
