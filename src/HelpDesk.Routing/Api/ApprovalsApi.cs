using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

/// <summary>/api/v1/routing/approvals: service requests waiting for their approver, and the approver's decision.</summary>
internal static class ApprovalsApi
{
    public const string ClientNameHeader = "X-HelpDesk-Client-Name";

    public static RouteGroupBuilder MapApprovalsApi(this RouteGroupBuilder routing)
    {
        var approvals = routing.MapGroup("/approvals");
        approvals.MapGet("/", ListPendingAsync);
        approvals.MapPost("/{ticketId:guid}/approve", ApproveAsync);
        approvals.MapPost("/{ticketId:guid}/reject", RejectAsync);
        return routing;
    }

    private static async Task<Ok<List<RoutedTicketView>>> ListPendingAsync(RoutingDbContext db, string? approver, CancellationToken cancellationToken)
    {
        var pending = db.RoutedTickets.AsNoTracking().Where(t => t.Approval == ApprovalState.Pending);
        if (!string.IsNullOrWhiteSpace(approver))
        {
            pending = pending.Where(t => t.Approver == approver);
        }
        return TypedResults.Ok((await pending.OrderBy(t => t.ReceivedAt).Take(500).ToListAsync(cancellationToken)).Select(RoutedTicketView.From).ToList());
    }

    private static Task<Results<Ok<RoutedTicketView>, NotFound, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        Guid ticketId, [FromBody] ApprovalDecisionRequest? request, HttpContext http, RoutingDbContext db, AssignmentService assignment,
        TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(ticketId, approved: true, request, http, db, assignment, time, cancellationToken);

    private static Task<Results<Ok<RoutedTicketView>, NotFound, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid ticketId, [FromBody] ApprovalDecisionRequest? request, HttpContext http, RoutingDbContext db, AssignmentService assignment,
        TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(ticketId, approved: false, request, http, db, assignment, time, cancellationToken);

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
