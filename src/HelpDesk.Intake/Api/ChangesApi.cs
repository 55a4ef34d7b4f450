using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Api;

/// <summary>
/// Change records (issue 23): changes are tickets of type Change (submitted like any ticket, optionally with their
/// plan). Here: one change, the schedule of changes by planned window, and the plan the approvers read — risk,
/// window, implementation and backout plans, affected services — editable until the change asks for approval.
/// </summary>
public static class ChangesApi
{
    private const int ScheduleLimit = 500;

    public static RouteGroupBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        var changes = app.MapGroup("/api/v1/changes").WithTags("Changes").RequireScope(HelpDeskScopes.TicketsAgent);
        changes.MapGet("/", ScheduleAsync).WithName("Changes_Schedule")
            .WithSummary("List the schedule of changes")
            .WithDescription("Changes whose planned window overlaps `from`–`to` (default: now to 30 days ahead), earliest first, at most 500; `status` (comma-separated) filters them. Changes without a window are not listed.")
            .ProducesProblem(400);
        changes.MapGet("/{idOrNumber}", GetAsync).WithName("Changes_Get")
            .WithSummary("Get a change")
            .WithDescription("One change by id or number, with its plan (`change`): risk, planned window, implementation and backout plans, affected services, whether it may still be edited and what it lacks before it may ask for approval.")
            .ProducesProblem(404);
        changes.MapPut("/{idOrNumber}/plan", PlanAsync).WithName("Changes_RecordPlan")
            .WithSummary("Record a change's plan")
            .WithDescription("Sets the members given (the others stay): risk (Low, Medium, High: High adds the CAB stage), planned start and end (the end after the start), implementation plan, backout plan, affected services. Allowed while the change is New or in Assessment; once it awaits approval or later, 409 (withdraw it to Assessment to re-plan). With `If-Match`, refused when the change moved on meanwhile.")
            .ProducesProblem(404).ProducesProblem(409).AcceptsIfMatch();
        return changes;
    }

    private static async Task<Results<Ok<TicketResponse[]>, ValidationProblem>> ScheduleAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? status, Caller caller, IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var start = from ?? time.GetUtcNow();
        var end = to ?? start.AddDays(30);
        validation.When(end <= start, "to", "'to' must be after 'from'.");
        var statuses = ParseStatuses(status, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        // An agent's schedule shows the changes of their queues (the same share as the ticket list).
        var query = TicketAccess.Visible(db.Tickets.AsNoTracking(), caller)
            .Where(t => t.Type == TicketType.Change && t.Plan != null && t.Plan.PlannedStart < end && t.Plan.PlannedEnd > start);
        if (statuses.Count > 0)
        {
            query = query.Where(t => statuses.Contains(t.Status));
        }
        var list = await query.OrderBy(t => t.Plan!.PlannedStart).ThenBy(t => t.Sequence).Take(ScheduleLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(TicketResponse.From).ToArray());
    }

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> GetAsync(string idOrNumber, Caller caller, HttpResponse response, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var change = await db.Tickets.AsNoTracking().FindByIdOrNumberAsync(idOrNumber, cancellationToken);
        if (change?.Type != TicketType.Change || !TicketAccess.CanSee(caller, change))
        {
            return NotAChange(idOrNumber);
        }
        TicketVersions.SetETag(response, change);
        return TypedResults.Ok(TicketResponse.From(change));
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> PlanAsync(
        string idOrNumber, ChangePlanRequest request, Caller caller, HttpContext http, IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var edit = request.Validate(validation);
        validation.When(edit is { IsEmpty: true }, "body", "Nothing to change: give at least one of risk, plannedStart, plannedEnd, implementationPlan, backoutPlan, affectedServices.");
        var expected = TicketVersions.ParseIfMatch(http.Request, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var actor = caller.Actor();
        var now = time.GetUtcNow();
        // A ticket that is not a change answers 404 (TicketProblems.Refused maps NotAChange), like an unknown one.
        return await TicketProblems.ChangeAsync(db, http.Response, idOrNumber, caller, expected, actor, now, ticket => ticket.PlanChange(edit!, actor, now), cancellationToken);
    }

    private static List<TicketStatus> ParseStatuses(string? status, Validation validation)
    {
        var statuses = new List<TicketStatus>();
        foreach (var name in (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<TicketStatus>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                statuses.Add(parsed);
            }
            else
            {
                validation.Add("status", $"'{(name.Length > 40 ? name[..40] : name)}' is not a status.");
            }
        }
        return statuses;
    }

    private static ProblemHttpResult NotAChange(string idOrNumber) =>
        HttpProblems.NotFound("Change not found", $"No change has the id or number '{(idOrNumber.Length > 60 ? idOrNumber[..60] : idOrNumber)}'.");
}
