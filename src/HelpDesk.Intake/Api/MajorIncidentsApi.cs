using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Intake.Api;

/// <summary>Major-incident candidates raised by storm detection: list, look, confirm or dismiss, and post one public update to all.</summary>
public static class MajorIncidentsApi
{
    public static RouteGroupBuilder MapMajorIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/major-incidents").WithTags("Major incidents").RequireScope(HelpDeskScopes.TicketsAgent);
        group.MapGet("/", ListAsync).WithName("MajorIncidents_List")
            .WithSummary("List major incidents")
            .WithDescription("Major incidents: many similar tickets in a short window, suspected by detection or confirmed by an agent.");
        group.MapGet("/{id:guid}", GetAsync).WithName("MajorIncidents_Get")
            .WithSummary("Get a major incident")
            .WithDescription("One major incident with its child tickets and updates.").ProducesProblem(404);
        group.MapPost("/{id:guid}/confirm", ConfirmAsync).WithName("MajorIncidents_Confirm")
            .WithSummary("Confirm a major incident")
            .WithDescription("Confirms a suspected major incident.").ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/dismiss", DismissAsync).WithName("MajorIncidents_Dismiss")
            .WithSummary("Dismiss a suspected major incident")
            .WithDescription("The tickets were not one incident after all; they stay as they are.").ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/updates", PostUpdateAsync).WithName("MajorIncidents_PostUpdate")
            .WithSummary("Post a major-incident update")
            .WithDescription("Posts an update on the major incident for its affected requesters.").ProducesProblem(404).ProducesProblem(409);
        return group;
    }

    private static async Task<Results<Ok<MajorIncidentResponse[]>, ValidationProblem>> ListAsync(string? state, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var query = db.MajorIncidents.AsNoTracking();
        if (state is not null)
        {
            if (!Enum.TryParse<MajorIncidentState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Validation.Problem("state", $"state is one of {string.Join(", ", Enum.GetNames<MajorIncidentState>())}.");
            }
            query = query.Where(m => m.State == parsed);
        }
        var list = await query.OrderByDescending(m => m.RaisedAt).Take(200).ToListAsync(cancellationToken);
        var ids = list.Select(m => (Guid?)m.Id).ToList();
        var counts = await db.Tickets.AsNoTracking().Where(t => ids.Contains(t.MajorIncidentId))
            .GroupBy(t => t.MajorIncidentId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return TypedResults.Ok(list.Select(m => MajorIncidentResponse.From(m, counts.GetValueOrDefault(m.Id))).ToArray());
    }

    private static async Task<Results<Ok<MajorIncidentResponse>, ProblemHttpResult>> GetAsync(Guid id, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var group = await db.MajorIncidents.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (group is null)
        {
            return NotFound(id);
        }
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.MajorIncidentId == id).OrderBy(t => t.Sequence).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(MajorIncidentResponse.From(group, await LinkedCountAsync(db, id, cancellationToken), [.. tickets.Select(TicketSummary.From)]));
    }

    private static async Task<Results<Ok<MajorIncidentResponse>, ProblemHttpResult>> ConfirmAsync(Guid id, Caller caller, IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var group = await db.MajorIncidents.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (group is null)
        {
            return NotFound(id);
        }
        var linked = await LinkedCountAsync(db, id, cancellationToken);
        if (group.Confirm(caller.Actor(), time.GetUtcNow(), linked) is not { } confirmed)
        {
            return HttpProblems.Conflict("Not a candidate", $"Major incident {id} is {group.State}; only a candidate can be confirmed.");
        }
        db.PublishEvent(confirmed);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MajorIncidentResponse.From(group, linked));
    }

    private static async Task<Results<Ok<MajorIncidentResponse>, ProblemHttpResult>> DismissAsync(Guid id, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var group = await db.MajorIncidents.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (group is null)
        {
            return NotFound(id);
        }
        if (!group.Dismiss())
        {
            return HttpProblems.Conflict("Not a candidate", $"Major incident {id} is {group.State}; only a candidate can be dismissed.");
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MajorIncidentResponse.From(group, await LinkedCountAsync(db, id, cancellationToken)));
    }

    /// <summary>One public agent comment on every open linked ticket, in one transaction; each requester's first ticket announces it.</summary>
    private static async Task<Results<Ok<MajorIncidentUpdateResponse>, ValidationProblem, ProblemHttpResult>> PostUpdateAsync(
        Guid id, MajorIncidentUpdateRequest request, Caller caller, IntakeDbContext db, IOptions<IntakeOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required(request.Body, "body", maxLength: TicketLimits.CommentMaxLength);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var group = await db.MajorIncidents.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (group is null)
        {
            return NotFound(id);
        }
        if (group.State != MajorIncidentState.Confirmed)
        {
            return HttpProblems.Conflict("Not confirmed", $"Major incident {id} is {group.State}; confirm it before posting updates to its requesters.");
        }
        var actor = caller.Actor();
        var now = time.GetUtcNow();
        var tickets = await db.Tickets.Where(t => t.MajorIncidentId == id).OrderBy(t => t.Sequence).ToListAsync(cancellationToken);
        var told = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var updated = 0;
        foreach (var ticket in tickets.Where(t => !TicketLifecycle.IsFinal(t.Status)))
        {
            var input = new NewComment(actor.Name, CommentAuthorKind.Agent, IsPublic: true, request.Body!.Trim(), Quiet: !told.Add(ticket.RequesterEmail));
            var (comment, result) = ticket.Comment(input, now, options.Value.ReopenWindow);
            if (result.Succeeded)
            {
                db.Comments.Add(comment!);
                db.Record(ticket, result, actor, now);
                updated++;
            }
        }
        group.UpdatesPosted++;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new MajorIncidentUpdateResponse(id, updated, told.Count));
    }

    private static Task<int> LinkedCountAsync(IntakeDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Tickets.CountAsync(t => t.MajorIncidentId == id, cancellationToken);

    private static ProblemHttpResult NotFound(Guid id) => HttpProblems.NotFound("Major incident not found", $"No major incident has the id {id}.");
}
