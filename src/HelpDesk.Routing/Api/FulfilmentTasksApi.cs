using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using KitValidation = HelpDesk.ServiceDefaults.Http.Validation;

namespace HelpDesk.Routing.Api;

/// <summary>/api/v1/routing/tasks: fulfilment tasks per team queue; completing the last one fulfils the request.</summary>
internal static class FulfilmentTasksApi
{
    public static RouteGroupBuilder MapFulfilmentTasksApi(this RouteGroupBuilder routing)
    {
        var tasks = routing.MapGroup("/tasks").WithTags("Fulfilment tasks")
            // Fulfilment is the desk's work (team queues), not the requester's: agents and fulfilment integrations.
            .RequireScope(HelpDeskScopes.TicketsAgent);
        tasks.MapGet("/", ListAsync).WithName("Tasks_List")
            .WithSummary("List fulfilment tasks")
            .WithDescription("Fulfilment tasks of catalogue requests.");
        tasks.MapPost("/{id:guid}/complete", CompleteAsync).WithName("Tasks_Complete")
            .WithSummary("Complete a fulfilment task")
            .WithDescription("Records the task done (as the caller); the request is fulfilled when its last task is.").ProducesProblem(404).ProducesProblem(409);
        return routing;
    }

    private static async Task<Results<Ok<List<FulfilmentTaskView>>, ValidationProblem>> ListAsync(
        RoutingDbContext db, string? queue, Guid? ticketId, string? status, CancellationToken cancellationToken)
    {
        FulfilmentTaskStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<FulfilmentTaskStatus>(status, ignoreCase: true, out var parsed))
            {
                return KitValidation.Problem("status", "'status' is Waiting, Open or Done.");
            }
            wanted = parsed;
        }
        var query = db.FulfilmentTasks.AsNoTracking();
        query = queue is { Length: > 0 } ? query.Where(t => t.Queue == queue) : query;
        query = ticketId is { } id ? query.Where(t => t.TicketId == id) : query;
        query = wanted is { } w ? query.Where(t => t.Status == w) : query;
        var found = await query.OrderBy(t => t.CreatedAt).ThenBy(t => t.Step).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(found.Select(FulfilmentTaskView.From).ToList());
    }

    private static async Task<Results<Ok<FulfilmentTaskView>, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        Guid id, [FromBody] CompleteTaskRequest? request, Caller caller, RoutingDbContext db, FulfilmentService fulfilment, TimeProvider time, CancellationToken cancellationToken)
    {
        var by = caller.IsIdentified ? caller.DisplayName : request?.CompletedBy?.Trim();
        var validation = new KitValidation().MaxLength(request?.Note, "note", 2000)
            .When(string.IsNullOrWhiteSpace(by), "completedBy", "'completedBy' is required for direct calls.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticketId = await db.FulfilmentTasks.Where(t => t.Id == id).Select(t => (Guid?)t.TicketId).FirstOrDefaultAsync(cancellationToken);
        if (ticketId is { } locked)
        {
            // Parallel tasks of one request finish one at a time, so the last one always sees the others done.
            await FulfilmentService.LockRequestAsync(db, locked, cancellationToken);
        }
        var task = await db.FulfilmentTasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return HttpProblems.NotFound("Task not found", $"No fulfilment task {id}.");
        }
        if (task.Status != FulfilmentTaskStatus.Open)
        {
            return HttpProblems.Conflict("Task not open", $"Task '{task.Name}' of {task.TicketNumber} is {task.Status}.");
        }
        await fulfilment.CompleteTaskAsync(db, task, by!, request?.Note, time.GetUtcNow(), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return HttpProblems.Conflict("Task changed", $"Task '{task.Name}' was completed concurrently.");
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(FulfilmentTaskView.From(task));
    }
}
