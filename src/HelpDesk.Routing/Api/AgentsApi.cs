using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

/// <summary>/api/v1/routing/agents: who works which queues, with skills, capacity and availability.</summary>
internal static class AgentsApi
{
    public static RouteGroupBuilder MapAgentsApi(this RouteGroupBuilder routing)
    {
        var agents = routing.MapGroup("/agents");
        agents.MapGet("/", ListAsync).WithName("Agents_List")
            .WithSummary("List agents")
            .WithDescription("Agents with their queues, skills, capacity and availability.");
        agents.MapGet("/{id}", GetAsync).WithName("Agents_Get")
            .WithSummary("Get an agent")
            .WithDescription("One agent.").ProducesProblem(404);
        agents.MapPut("/{id}", PutAsync).WithName("Agents_Put")
            .WithSummary("Create or replace an agent")
            .WithDescription("An agent's name, e-mail, queues, skills, capacity, shift and out-of-office.").ProducesProblem(409);
        agents.MapPut("/{id}/availability", PutAvailabilityAsync).WithName("Agents_SetAvailability")
            .WithSummary("Set an agent's availability")
            .WithDescription("Whether the agent receives new tickets now.").ProducesProblem(404).ProducesProblem(409);
        return routing;
    }

    private static async Task<Ok<List<AgentView>>> ListAsync(RoutingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var all = await db.Agents.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(all.Select(a => AgentView.From(a, time.GetUtcNow())).ToList());
    }

    private static async Task<Results<Ok<AgentView>, NotFound>> GetAsync(string id, RoutingDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } agent
            ? TypedResults.Ok(AgentView.From(agent, time.GetUtcNow()))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<AgentView>, ValidationProblem>> PutAsync(
        string id, AgentRequest request, RoutingDbContext db, AssignmentService assignment, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required(id, "id", 100).Required(request.Name, "name", 200).NoBlanks(request.Queues, "queues").NoBlanks(request.Skills, "skills");
        if (request.Capacity is < 0 or > 10_000)
        {
            validation.Add("capacity", "'capacity' must be between 0 and 10000.");
        }
        if (request.Email is { Length: > 320 } || (request.Email is { Length: > 0 } email && !email.Contains('@', StringComparison.Ordinal)))
        {
            validation.Add("email", "'email' must be an e-mail address.");
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return TypedResults.Ok(await SaveAgentAsync(db, assignment, time, id.Trim(), agent => agent.UpdateProfile(
            request.Name!, request.Email, request.Queues, request.Skills, request.Capacity ?? 10, request.OnShift ?? true, request.OutOfOfficeUntil),
            cancellationToken));
    }

    private static async Task<Results<Ok<AgentView>, NotFound, ValidationProblem>> PutAvailabilityAsync(
        string id, AvailabilityRequest request, RoutingDbContext db, AssignmentService assignment, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.OnShift is null)
        {
            return Validation.Problem("onShift", "'onShift' is required.");
        }
        if (!await db.Agents.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await SaveAgentAsync(db, assignment, time, id,
            agent => agent.SetAvailability(request.OnShift.Value, request.OutOfOfficeUntil), cancellationToken));
    }

    /// <summary>Creates or changes an agent, then gives waiting tickets of the agent's queues to whoever now has room.</summary>
    private static async Task<AgentView> SaveAgentAsync(
        RoutingDbContext db, AssignmentService assignment, TimeProvider time, string id, Action<Agent> change, CancellationToken cancellationToken)
    {
        // Two saves of one agent (or a consumer changing its load, or a ticket it is given) race on Agent.Version and
        // RoutedTicket.Version, and two creations of a new agent on its key: the loser runs again on fresh state.
        var agent = await WriteConflicts.RunAsync(db, "Agents_Save", async ct =>
        {
            var saved = await db.Agents.FirstOrDefaultAsync(a => a.Id == id, ct);
            if (saved is null)
            {
                db.Agents.Add(saved = new Agent { Id = id, Name = id });
            }
            change(saved);
            await db.SaveChangesAsync(ct);
            foreach (var queue in saved.Queues)
            {
                await assignment.AssignWaitingAsync(db, queue, ct);
            }
            await db.SaveChangesAsync(ct);
            return saved;
        }, cancellationToken);
        return AgentView.From(agent, time.GetUtcNow());
    }
}
