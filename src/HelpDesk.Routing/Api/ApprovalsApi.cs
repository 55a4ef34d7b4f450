using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using KitValidation = HelpDesk.ServiceDefaults.Http.Validation;

namespace HelpDesk.Routing.Api;

/// <summary>
/// /api/v1/routing/approvals: approvals waiting for someone, one ticket's approval with every stage and decision,
/// and the decision itself. The caller must hold a seat on the active stage (as the named person, the requester's
/// manager, or a member of the named group).
/// </summary>
internal static class ApprovalsApi
{

    public static RouteGroupBuilder MapApprovalsApi(this RouteGroupBuilder routing)
    {
        var approvals = routing.MapGroup("/approvals").WithTags("Approvals")
            .RequireScopes(read: HelpDeskScopes.RoutingRead, write: HelpDeskScopes.ApprovalsDecide);
        approvals.MapGet("/", ListPendingAsync).WithName("Approvals_ListPending")
            .WithSummary("List my pending approvals")
            .WithDescription("Approvals whose active stage names the caller (their e-mail, user id or one of their groups).");
        approvals.MapGet("/{ticketId}", GetAsync).WithName("Approvals_Get")
            .WithSummary("Get a ticket's approval")
            .WithDescription("The approval stages of a catalogue request and their decisions.").ProducesProblem(404);
        approvals.MapPost("/{ticketId}/approve", ApproveAsync).WithName("Approvals_Approve")
            .WithSummary("Approve")
            .WithDescription("Records the caller's approval on the active stage; only a named approver may decide.");
        approvals.MapPost("/{ticketId}/reject", RejectAsync).WithName("Approvals_Reject")
            .WithSummary("Reject")
            .WithDescription("Records the caller's rejection; the request is closed as rejected.");
        return routing;
    }

    private static async Task<Ok<List<ApprovalRequestView>>> ListPendingAsync(RoutingDbContext db, ApproverDirectory directory, string? approver, Caller caller, CancellationToken cancellationToken)
    {
        // Without ?approver= a person sees the approvals waiting for them (by name or group); machines see them all.
        var names = string.IsNullOrWhiteSpace(approver) ? (caller.IsPerson ? CallerNames(caller) : []) : [approver.Trim()];
        var groups = string.IsNullOrWhiteSpace(approver) && caller.IsPerson ? caller.Groups : EmptyGroups;
        var pending = await db.ApprovalRequests.AsNoTracking().Include(r => r.Stages).ThenInclude(s => s.Votes).AsSplitQuery()
            .Where(r => r.Status == ApprovalStatus.Pending).OrderBy(r => r.CreatedAt).Take(1000).ToListAsync(cancellationToken);
        var mine = names.Count == 0 ? pending : pending.Where(r => r.Active!.Undecided.Any(v => directory.Holds(v, names, groups))).ToList();
        return TypedResults.Ok(mine.Take(500).Select(ApprovalRequestView.From).ToList());
    }

    private static async Task<Results<Ok<ApprovalRequestView>, ProblemHttpResult>> GetAsync([FromRoute(Name = "ticketId")] TicketRef ticketRef, RoutingDbContext db, CancellationToken cancellationToken) =>
        await db.RoutedTickets.ResolveAsync(ticketRef, cancellationToken) is { } ticketId
        && await ApprovalEngine.LoadAsync(db, r => r.TicketId == ticketId, cancellationToken) is { } request
            ? TypedResults.Ok(ApprovalRequestView.From(request))
            : HttpProblems.NotFound("No approval", $"Ticket {ticketRef} has no approval.");

    private static Task<Results<Ok<ApprovalRequestView>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        [FromRoute(Name = "ticketId")] TicketRef ticketRef, [FromBody] ApprovalDecisionRequest? request, Caller caller, RoutingDbContext db, ApprovalEngine engine, ApproverDirectory directory,
        TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(ticketRef, approve: true, request, caller, db, engine, directory, time, cancellationToken);

    private static Task<Results<Ok<ApprovalRequestView>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        [FromRoute(Name = "ticketId")] TicketRef ticketRef, [FromBody] ApprovalDecisionRequest? request, Caller caller, RoutingDbContext db, ApprovalEngine engine, ApproverDirectory directory,
        TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(ticketRef, approve: false, request, caller, db, engine, directory, time, cancellationToken);

    private static async Task<Results<Ok<ApprovalRequestView>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        TicketRef ticketRef, bool approve, ApprovalDecisionRequest? request, Caller caller, RoutingDbContext db, ApprovalEngine engine, ApproverDirectory directory,
        TimeProvider time, CancellationToken cancellationToken)
    {
        // The approver is the signed-in person (never a name from the body): they need the approver role and must hold
        // a seat on the active stage, by e-mail, user id or one of their groups.
        if (!caller.IsPerson || !caller.IsInRole(HelpDeskRoles.Approver))
        {
            return HttpProblems.Forbidden("Not an approver", "Approvals are decided by a signed-in person with the 'approver' role.");
        }
        var names = CallerNames(caller);
        var validation = new KitValidation().MaxLength(request?.Reason, "reason", 2000);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        if (await db.RoutedTickets.ResolveAsync(ticketRef, cancellationToken) is not { } ticketId)
        {
            return HttpProblems.NotFound("No approval", $"Ticket {ticketRef} has no approval.");
        }
        var decision = new ApprovalDecision(approve, names[0], "api", request?.Reason);
        var result = await ApprovalTransactions.DecideWithRetryAsync(db, tx => engine.DecideAsync(db, ticketId, v => directory.Holds(v, names, caller.Groups), decision, time.GetUtcNow(), tx), cancellationToken);
        return Answer(result);
    }

    private static Results<Ok<ApprovalRequestView>, ValidationProblem, ProblemHttpResult> Answer(ApprovalDecisionResult result) => result.Outcome switch
    {
        ApprovalDecisionOutcome.Recorded => TypedResults.Ok(ApprovalRequestView.From(result.Request!)),
        ApprovalDecisionOutcome.NotFound => HttpProblems.NotFound("No approval", "This ticket has no approval."),
        ApprovalDecisionOutcome.NotApprover => HttpProblems.Forbidden("Not the approver", result.Detail!),
        _ => HttpProblems.Conflict("Not awaiting this decision", result.Detail ?? "The approval was already decided."),
    };

    /// <summary>The names a person answers to on a seat: e-mail first (it is what the decision records), then user id.</summary>
    internal static List<string> CallerNames(Caller caller) =>
        new[] { caller.Email, caller.Id }.Where(n => !string.IsNullOrWhiteSpace(n) && n != Caller.AnonymousId).Select(n => n!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static readonly IReadOnlySet<string> EmptyGroups = new HashSet<string>();
}
