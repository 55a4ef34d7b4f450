using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

/// <summary>/api/v1/routing/approvals: service requests waiting for their approver, and the approver's decision.</summary>
internal static class ApprovalsApi
{
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
        Guid ticketId, [FromBody] ApprovalDecisionRequest? request, Caller caller, RoutingDbContext db, AssignmentService assignment,
        TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(ticketId, approved: true, request, caller, db, assignment, time, cancellationToken);

    private static Task<Results<Ok<RoutedTicketView>, NotFound, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid ticketId, [FromBody] ApprovalDecisionRequest? request, Caller caller, RoutingDbContext db, AssignmentService assignment,
        TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(ticketId, approved: false, request, caller, db, assignment, time, cancellationToken);

    /// <summary>The approver is the caller the gateway vouches for, else the body's <c>approver</c>; an approved ticket is assigned at once.</summary>
    private static async Task<Results<Ok<RoutedTicketView>, NotFound, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid ticketId, bool approved, ApprovalDecisionRequest? request, Caller caller, RoutingDbContext db, AssignmentService assignment,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var approver = caller.Name is { Length: > 0 } signedIn ? signedIn : request?.Approver?.Trim();
        var validation = new Validation()
            .When(string.IsNullOrWhiteSpace(approver), "approver", $"'approver' is required (body field or the {HelpDeskHeaders.ClientName} header).")
            .MaxLength(request?.Reason, "reason", 2000);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticket = await db.RoutedTickets.FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken);
        if (ticket is null)
        {
            return TypedResults.NotFound();
        }
        var result = ticket.DecideApproval(approver!, approved, request?.Reason, time.GetUtcNow());
        if (result.Error is { } error)
        {
            return error.Kind == RoutedTicketErrorKind.NotTheApprover
                ? HttpProblems.Forbidden("Not the approver", error.Detail)
                : HttpProblems.Conflict("Not awaiting approval", error.Detail);
        }
        db.PublishEvents(result.Events, ticket.TicketId);
        await assignment.TryAssignAsync(db, ticket, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RoutedTicketView.From(ticket));
    }
}
