using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Intake.Api;

/// <summary>
/// Agent operations on one ticket: reassign, edit fields (If-Match), apply a macro, read the history. Each change is
/// one transaction holding the ticket, its events (outbox) and its history entries.
/// </summary>
public static class TicketOperationsApi
{
    public static RouteGroupBuilder MapTicketOperationsApi(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/v1/tickets").WithTags("Agent operations")
            .RequireScope(HelpDeskScopes.TicketsAgent);
        tickets.MapPut("/{idOrNumber}/assignment", ReassignAsync).WithName("Tickets_Reassign")
            .WithSummary("Reassign a ticket")
            .WithDescription("Moves the ticket to another queue and/or agent. With `If-Match`, refused when the ticket changed meanwhile.").ProducesProblem(404).ProducesProblem(409).AcceptsIfMatch();
        tickets.MapPatch("/{idOrNumber}", EditAsync).WithName("Tickets_Edit")
            .WithSummary("Edit a ticket's fields")
            .WithDescription("Changes subject, description, priority, category or tags. `If-Match` with the ticket's ETag is required, so a stale edit never overwrites someone else's.").ProducesProblem(404).ProducesProblem(409).AcceptsIfMatch(required: true);
        tickets.MapPost("/{idOrNumber}/macro-runs", ApplyMacroAsync).WithName("Tickets_ApplyMacro")
            .WithSummary("Apply a macro")
            .WithDescription("Runs a saved macro's actions (status, assignment, fields, comment) on the ticket as one change.").ProducesProblem(404).ProducesProblem(409).AcceptsIfMatch();
        tickets.MapGet("/{idOrNumber}/history", HistoryAsync).WithName("Tickets_GetHistory")
            .WithSummary("Get a ticket's history")
            .WithDescription("Every change of the ticket with who made it and when.").ProducesProblem(404);
        return tickets;
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> ReassignAsync(
        string idOrNumber, ReassignRequest request, Caller caller, HttpContext http, IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        var expected = TicketVersions.ParseIfMatch(http.Request, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var actor = caller.Actor();
        var now = time.GetUtcNow();
        return await TicketProblems.ChangeAsync(db, http.Response, idOrNumber, caller, expected, actor, now, ticket => ticket.Reassign(
            ReassignRequest.Clean(request.AgentId), ReassignRequest.Clean(request.AgentName), ReassignRequest.Clean(request.Queue), ReassignRequest.Clean(request.Reason), actor, now),
            cancellationToken);
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> EditAsync(
        string idOrNumber, EditTicketRequest request, Caller caller, HttpContext http, IntakeDbContext db, IOptions<IntakeOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var edit = request.Validate(validation);
        var expected = TicketVersions.ParseIfMatch(http.Request, validation);
        if (edit is null || !validation.IsValid)
        {
            return validation.Problem();
        }
        if (expected is null)
        {
            return TicketVersions.Required();
        }
        var actor = caller.Actor();
        var now = time.GetUtcNow();
        return await TicketProblems.ChangeAsync(db, http.Response, idOrNumber, caller, expected, actor, now,
            ticket => ticket.Edit(edit, options.Value.PriorityFor, actor, now, options.Value.MaxTags), cancellationToken);
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> ApplyMacroAsync(
        string idOrNumber, ApplyMacroRequest request, Caller caller, HttpContext http, IntakeDbContext db, IOptions<IntakeOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var validation = new Validation().Required(request.Macro, "macro", maxLength: 100);
        var expected = TicketVersions.ParseIfMatch(http.Request, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var macroName = MacrosApi.Key(request.Macro!);
        var macro = await db.Macros.AsNoTracking().FirstOrDefaultAsync(m => m.Name == macroName, cancellationToken);
        if (macro is null)
        {
            return Validation.Problem("macro", $"No macro is named '{request.Macro}'.");
        }
        var plan = TicketActionParser.Parse(macro.Actions, "actions", new Validation())!;
        var actor = caller.Actor();
        var now = time.GetUtcNow();
        return await TicketProblems.ChangeAsync(db, http.Response, idOrNumber, caller, expected, actor, now, ticket =>
        {
            var outcome = plan.ApplyTo(ticket, actor, now, options.Value.PriorityFor, options.Value.ReopenWindow, options.Value.MaxTags);
            db.Comments.AddRange(outcome.Result.Succeeded ? outcome.Comments : []);
            return outcome.Result;
        }, cancellationToken);
    }

    private static async Task<Results<Ok<TicketHistoryResponse>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        string idOrNumber, long? after, int? limit, Caller caller, IntakeDbContext db, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 500)
        {
            return Validation.Problem("limit", "limit must be 1–500.");
        }
        var ticket = await db.Tickets.AsNoTracking().FindWorkedByAsync(idOrNumber, caller, cancellationToken);
        if (ticket is null)
        {
            return TicketProblems.NotFound(idOrNumber);
        }
        var take = limit ?? 100;
        var entries = await db.History.AsNoTracking()
            .Where(h => h.TicketId == ticket.Id && h.Id > (after ?? 0))
            .OrderBy(h => h.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = entries.Take(take).Select(TicketHistoryEntryResponse.From).ToList();
        return TypedResults.Ok(new TicketHistoryResponse(ticket.Id, ticket.Number, page, entries.Count > take ? page[^1].Id : null));
    }
}
