using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

/// <summary>/api/v1/routing/agents: who works which queues, with skills, capacity and availability.</summary>
internal static class AgentsApi
{
    public static RouteGroupBuilder MapAgentsApi(this RouteGroupBuilder routing)
    {
        var agents = routing.MapGroup("/agents");
        agents.MapGet("/", ListAsync);
        agents.MapGet("/{id}", GetAsync);
        agents.MapPut("/{id}", PutAsync);
        agents.MapPut("/{id}/availability", PutAvailabilityAsync);
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
        var validation = new Validation().Require(id, "id", 100).Require(request.Name, "name", 200).NoBlanks(request.Queues, "queues").NoBlanks(request.Skills, "skills");
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
            return TypedResults.ValidationProblem(validation.Errors);
        }
        return TypedResults.Ok(await SaveAgentAsync(db, assignment, time, id.Trim(), agent =>
        {
            agent.Name = request.Name!.Trim();
            agent.Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
            agent.Queues = Validation.Clean(request.Queues);
            agent.Skills = Validation.Clean(request.Skills);
            agent.Capacity = request.Capacity ?? 10;
            agent.OnShift = request.OnShift ?? true;
            agent.OutOfOfficeUntil = request.OutOfOfficeUntil?.ToUniversalTime();
        }, cancellationToken));
    }

    private static async Task<Results<Ok<AgentView>, NotFound, ValidationProblem>> PutAvailabilityAsync(
        string id, AvailabilityRequest request, RoutingDbContext db, AssignmentService assignment, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.OnShift is null)
        {
            return TypedResults.ValidationProblem(new Validation().Add("onShift", "'onShift' is required.").Errors);
        }
        if (!await db.Agents.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await SaveAgentAsync(db, assignment, time, id, agent =>
        {
            agent.OnShift = request.OnShift.Value;
            agent.OutOfOfficeUntil = request.OutOfOfficeUntil?.ToUniversalTime();
        }, cancellationToken));
    }

    /// <summary>Creates or changes an agent, then gives waiting tickets of the agent's queues to whoever now has room.</summary>
    private static async Task<AgentView> SaveAgentAsync(
        RoutingDbContext db, AssignmentService assignment, TimeProvider time, string id, Action<Agent> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agent is null)
        {
            db.Agents.Add(agent = new Agent { Id = id, Name = id });
        }
        change(agent);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var queue in agent.Queues)
        {
            await assignment.AssignWaitingAsync(db, queue, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AgentView.From(agent, time.GetUtcNow());
    }
}
