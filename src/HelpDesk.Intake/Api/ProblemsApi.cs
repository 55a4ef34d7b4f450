using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Intake.Api;

/// <summary>
/// Problem management: problems are tickets of type Problem (submitted like any ticket); incidents point at them with
/// caused-by links. Here: the analysis (root cause, workaround), publishing the known error to the knowledge base,
/// and resolving a problem together with its open incidents.
/// </summary>
public static class ProblemsApi
{
    public static RouteGroupBuilder MapProblemsApi(this IEndpointRouteBuilder app)
    {
        var problems = app.MapGroup("/api/v1/problems").WithTags("Problems").RequireScope(HelpDeskScopes.TicketsAgent);
        problems.MapGet("/", ListAsync).WithName("Problems_List")
            .WithSummary("List problems")
            .WithDescription("Problem records (root causes behind recurring incidents) with their state.");
        problems.MapGet("/{idOrNumber}", GetAsync).WithName("Problems_Get")
            .WithSummary("Get a problem")
            .WithDescription("One problem record by id or number.").ProducesProblem(404);
        problems.MapPut("/{idOrNumber}/analysis", AnalyseAsync).WithName("Problems_RecordAnalysis")
            .WithSummary("Record a problem's analysis")
            .WithDescription("Root cause and workaround of a problem. With `If-Match`, refused when the problem changed meanwhile.").ProducesProblem(404).ProducesProblem(409).AcceptsIfMatch();
        problems.MapPost("/{idOrNumber}/known-error", PublishKnownErrorAsync).WithName("Problems_PublishKnownError")
            .WithSummary("Publish a known error")
            .WithDescription("Marks the problem a known error with its workaround.").ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        problems.MapPost("/{idOrNumber}/resolution", ResolveAsync).WithName("Problems_Resolve")
            .WithSummary("Resolve a problem")
            .WithDescription("Records the permanent fix of the problem.").ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        return problems;
    }

    private static async Task<Ok<TicketSummary[]>> ListAsync(bool? knownError, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var problems = db.Tickets.AsNoTracking().Where(t => t.Type == TicketType.Problem);
        if (knownError is { } flag)
        {
            problems = problems.Where(t => t.IsKnownError == flag);
        }
        var list = await problems.OrderByDescending(t => t.Sequence).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(TicketSummary.From).ToArray());
    }

    private static async Task<Results<Ok<ProblemResponse>, ProblemHttpResult>> GetAsync(string idOrNumber, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var problem = await FindProblemAsync(db, idOrNumber, tracked: false, cancellationToken);
        return problem is null ? NotAProblem(idOrNumber) : TypedResults.Ok(await ViewAsync(db, problem, null, cancellationToken));
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> AnalyseAsync(
        string idOrNumber, ProblemAnalysisRequest request, Caller caller, HttpContext http, IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .When(string.IsNullOrWhiteSpace(request.RootCause) && string.IsNullOrWhiteSpace(request.Workaround), "rootCause", "Give rootCause, workaround, or both.")
            .MaxLength(request.RootCause, "rootCause", 4000)
            .MaxLength(request.Workaround, "workaround", 4000);
        var expected = TicketVersions.ParseIfMatch(http.Request, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var problem = await FindProblemAsync(db, idOrNumber, tracked: true, cancellationToken);
        if (problem is null)
        {
            return NotAProblem(idOrNumber);
        }
        if (expected is { } version && version != problem.Version)
        {
            return TicketVersions.Stale(problem, version);
        }
        var actor = caller.Actor();
        var now = time.GetUtcNow();
        var result = problem.RecordAnalysis(Clean(request.RootCause), Clean(request.Workaround), actor, now);
        return await TicketProblems.SaveAsync(db, http.Response, problem, result, actor, now, cancellationToken);
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> PublishKnownErrorAsync(
        string idOrNumber, Caller caller, HttpContext http, IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var problem = await FindProblemAsync(db, idOrNumber, tracked: true, cancellationToken);
        if (problem is null)
        {
            return NotAProblem(idOrNumber);
        }
        var actor = caller.Actor();
        var now = time.GetUtcNow();
        var result = problem.PublishKnownError(actor, now);
        if (result.Error is { Kind: TicketErrorKind.AnalysisIncomplete } incomplete)
        {
            return HttpProblems.Unprocessable("Analysis incomplete", incomplete.Detail, string.IsNullOrWhiteSpace(problem.RootCause) ? "rootCause" : "workaround");
        }
        return await TicketProblems.SaveAsync(db, http.Response, problem, result, actor, now, cancellationToken);
    }

    private static async Task<Results<Ok<ProblemResponse>, ValidationProblem, ProblemHttpResult>> ResolveAsync(
        string idOrNumber, ResolveProblemRequest request, Caller caller, IntakeDbContext db, IOptions<IntakeOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required(request.Resolution, "resolution", maxLength: 4000);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var problem = await FindProblemAsync(db, idOrNumber, tracked: true, cancellationToken);
        if (problem is null)
        {
            return NotAProblem(idOrNumber);
        }
        var actor = caller.Actor();
        var now = time.GetUtcNow();
        var resolution = request.Resolution!.Trim();
        var result = problem.Transition(new TicketTransition(TicketStatus.Resolved, actor.Name, "problem resolved", resolution), now, options.Value.ReopenWindow);
        if (result.Error is { } error)
        {
            return TicketProblems.Refused(error);
        }
        db.Record(problem, result, actor, now);
        var resolved = request.ResolveLinkedIncidents ? await ResolveIncidentsAsync(db, problem, resolution, actor, now, cancellationToken) : [];
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return HttpProblems.Conflict("Concurrent change", $"Problem {problem.Number} or one of its incidents changed meanwhile; nothing was resolved. Try again.");
        }
        return TypedResults.Ok(await ViewAsync(db, problem, resolved, cancellationToken));
    }

    /// <summary>Resolves the open incidents caused by the problem; each requester is told once (the first of their incidents announces).</summary>
    private static async Task<List<string>> ResolveIncidentsAsync(IntakeDbContext db, Ticket problem, string resolution, TicketActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var incidentIds = await CausedIncidentIds(db, problem.Id).ToListAsync(cancellationToken);
        var incidents = await db.Tickets.Where(t => incidentIds.Contains(t.Id)).OrderBy(t => t.Sequence).ToListAsync(cancellationToken);
        var told = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var resolved = new List<string>();
        foreach (var incident in incidents.Where(t => !TicketLifecycle.IsDone(t.Status)))
        {
            var result = incident.ResolveByProblem(problem, resolution, announce: told.Add(incident.RequesterEmail), actor, now);
            if (result.Succeeded)
            {
                db.Record(incident, result, actor, now);
                resolved.Add(incident.Number);
            }
        }
        return resolved;
    }

    private static async Task<ProblemResponse> ViewAsync(IntakeDbContext db, Ticket problem, IReadOnlyList<string>? resolved, CancellationToken cancellationToken)
    {
        var ids = await CausedIncidentIds(db, problem.Id).ToListAsync(cancellationToken);
        var incidents = await db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id)).OrderBy(t => t.Sequence).ToListAsync(cancellationToken);
        return new ProblemResponse(TicketResponse.From(problem), problem.RootCause, problem.Workaround, problem.IsKnownError, problem.KnownErrorRevision,
            [.. incidents.Select(TicketSummary.From)], incidents.Count(t => !TicketLifecycle.IsDone(t.Status)), resolved);
    }

    private static IQueryable<Guid> CausedIncidentIds(IntakeDbContext db, Guid problemId) =>
        db.Links.Where(l => l.Type == TicketLinkType.CausedBy && l.TargetTicketId == problemId).Select(l => l.TicketId);

    private static async Task<Ticket?> FindProblemAsync(IntakeDbContext db, string idOrNumber, bool tracked, CancellationToken cancellationToken)
    {
        var ticket = await (tracked ? db.Tickets : db.Tickets.AsNoTracking()).FindByIdOrNumberAsync(idOrNumber, cancellationToken);
        return ticket?.Type == TicketType.Problem ? ticket : null;
    }

    private static ProblemHttpResult NotAProblem(string idOrNumber) =>
        HttpProblems.NotFound("Problem not found", $"No problem has the id or number '{(idOrNumber.Length > 60 ? idOrNumber[..60] : idOrNumber)}'.");

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
