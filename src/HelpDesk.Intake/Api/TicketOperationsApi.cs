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
        tickets.MapPut("/{idOrNumber}/assignment", ReassignAsync).WithName("ReassignTicket");
        tickets.MapPatch("/{idOrNumber}", EditAsync).WithName("EditTicket");
        tickets.MapPost("/{idOrNumber}/macro-runs", ApplyMacroAsync).WithName("ApplyMacro");
        tickets.MapGet("/{idOrNumber}/history", HistoryAsync).WithName("GetTicketHistory");
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
        return await UnversionedChanges.RunAsync(db, expected, async () =>
        {
            var ticket = await db.Tickets.FindWorkedByAsync(idOrNumber, caller, cancellationToken);
            if (ticket is null)
            {
                return TicketProblems.NotFound(idOrNumber);
            }
            if (expected is { } version && version != ticket.Version)
            {
                return TicketVersions.Stale(ticket, version);
            }
            var actor = caller.Actor();
            var now = time.GetUtcNow();
            var result = ticket.Reassign(ReassignRequest.Clean(request.AgentId), ReassignRequest.Clean(request.AgentName), ReassignRequest.Clean(request.Queue), ReassignRequest.Clean(request.Reason), actor, now);
            return await TicketProblems.SaveAsync(db, http.Response, ticket, result, actor, now, cancellationToken);
        });
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
        var ticket = await db.Tickets.FindWorkedByAsync(idOrNumber, caller, cancellationToken);
        if (ticket is null)
        {
            return TicketProblems.NotFound(idOrNumber);
        }
        if (expected != ticket.Version)
        {
            return TicketVersions.Stale(ticket, expected.Value);
        }
        var actor = caller.Actor();
        var now = time.GetUtcNow();
        var result = ticket.Edit(edit, options.Value.PriorityFor, actor, now, options.Value.MaxTags);
        return await TicketProblems.SaveAsync(db, http.Response, ticket, result, actor, now, cancellationToken);
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
        return await UnversionedChanges.RunAsync(db, expected, async () =>
        {
            var ticket = await db.Tickets.FindWorkedByAsync(idOrNumber, caller, cancellationToken);
            if (ticket is null)
            {
                return TicketProblems.NotFound(idOrNumber);
            }
            if (expected is { } version && version != ticket.Version)
            {
                return TicketVersions.Stale(ticket, version);
            }
            var actor = caller.Actor();
            var now = time.GetUtcNow();
            var outcome = plan.ApplyTo(ticket, actor, now, options.Value.PriorityFor, options.Value.ReopenWindow, options.Value.MaxTags);
            db.Comments.AddRange(outcome.Result.Succeeded ? outcome.Comments : []);
            return await TicketProblems.SaveAsync(db, http.Response, ticket, outcome.Result, actor, now, cancellationToken);
        });
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
