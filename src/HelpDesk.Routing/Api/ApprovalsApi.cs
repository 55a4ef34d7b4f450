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

    /// <summary>
    /// The approver is the signed-in person (never a name from the body): they need the approver role and must be the
    /// ticket's named approver, by e-mail, user id or one of their groups. An approved ticket is assigned at once.
    /// </summary>
    private static async Task<Results<Ok<RoutedTicketView>, NotFound, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid ticketId, bool approved, ApprovalDecisionRequest? request, Caller caller, RoutingDbContext db, AssignmentService assignment,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!caller.IsPerson || !caller.IsInRole(HelpDeskRoles.Approver))
        {
            return HttpProblems.Forbidden("Not an approver", "Approvals are decided by a signed-in person with the 'approver' role.");
        }
        var approver = caller.Email ?? caller.Id;
        var validation = new Validation().MaxLength(request?.Reason, "reason", 2000);
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
        string[] answersTo = [approver, caller.Id, .. caller.Groups];
        var result = ticket.DecideApproval(approver, answersTo, approved, request?.Reason, time.GetUtcNow());
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
