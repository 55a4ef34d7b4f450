using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Routing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Domain;

/// <summary>
/// Runs a catalogue request's fulfilment plan once it may proceed: the automation webhook (sent by
/// <see cref="Infrastructure.FulfilmentAutomationWorker"/>), or tasks for teams step by step, or an agent of the
/// fulfilment queue. The request is fulfilled (and Intake resolves it) when the automation succeeds or the last task is done.
/// </summary>
public sealed class FulfilmentService(AssignmentService assignment)
{
    public async Task OnApprovalDecidedAsync(RoutingDbContext db, ApprovalRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ticket = await db.RoutedTickets.FirstOrDefaultAsync(t => t.TicketId == request.TicketId, cancellationToken);
        if (ticket is null)
        {
            return;
        }
        ticket.RecordApproval(request);
        if (request.Status == ApprovalStatus.Rejected)
        {
            return;
        }
        await StartAsync(db, ticket, await DefinitionAsync(db, ticket, cancellationToken), now, cancellationToken);
    }

    /// <summary>Starts the plan of <paramref name="definition"/> (null: a legacy item, an agent of the queue fulfils it).</summary>
    public async Task StartAsync(RoutingDbContext db, RoutedTicket ticket, CatalogItemDefinition? definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (definition?.Fulfilment.Automation is not null)
        {
            ticket.StartFulfilment(FulfilmentState.Automating, now);
            return;
        }
        var tasks = definition?.Fulfilment.Tasks ?? [];
        if (tasks.Count > 0)
        {
            ticket.StartFulfilment(FulfilmentState.Tasks, now);
            var created = tasks.Select(t => new FulfilmentTask
            {
                Id = Guid.CreateVersion7(now), TicketId = ticket.TicketId, TicketNumber = ticket.TicketNumber, Step = t.Step, Name = t.Name,
                Title = t.Title?.In(ticket.Language), Queue = t.Queue, Status = FulfilmentTaskStatus.Waiting, CreatedAt = now,
            }).ToList();
            db.FulfilmentTasks.AddRange(created);
            OpenNextStep(db, ticket, created, now);
        }
        else
        {
            ticket.StartFulfilment(FulfilmentState.Manual, now);
        }
        await assignment.TryAssignAsync(db, ticket, cancellationToken);
    }

    /// <summary>Marks a task done; opens the next step when its step is complete, or fulfils the request after the last one.</summary>
    public async Task CompleteTaskAsync(RoutingDbContext db, FulfilmentTask task, string by, string? note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        task.Status = FulfilmentTaskStatus.Done;
        task.CompletedAt = now;
        task.CompletedBy = by;
        task.Note = note;
        task.Version++;
        db.PublishEvent(new FulfilmentTaskCompleted(task.TicketId, task.TicketNumber, task.Id, task.Name, task.Queue, by, now, note), task.TicketId);
        var ticket = await db.RoutedTickets.FirstAsync(t => t.TicketId == task.TicketId, cancellationToken);
        // Tracked entities win over the rows read: the task just completed counts as done.
        var tasks = await db.FulfilmentTasks.Where(t => t.TicketId == task.TicketId).ToListAsync(cancellationToken);
        OpenNextStep(db, ticket, tasks, now);
    }

    /// <summary>The automation's answer: success fulfils and closes the request; the last failure hands it to a person.</summary>
    public async Task RecordAutomationAnswerAsync(
        RoutingDbContext db, RoutedTicket ticket, bool succeeded, int? statusCode, string answer, DateTimeOffset now, TimeSpan retryDelay, int maxAttempts, CancellationToken cancellationToken)
    {
        ticket.RecordAutomationAttempt(statusCode, answer);
        if (succeeded)
        {
            db.PublishEvent(new FulfilmentAutomationAnswered(ticket.TicketId, ticket.TicketNumber, true, statusCode, ticket.AutomationAnswer ?? "", now), ticket.TicketId);
            db.PublishEvent(ticket.Fulfil(automatic: true, $"Fulfilled automatically: {ticket.AutomationAnswer}", now), ticket.TicketId);
            return;
        }
        if (ticket.AutomationAttempts < maxAttempts)
        {
            ticket.RetryAutomationAt(now + retryDelay * Math.Pow(2, ticket.AutomationAttempts - 1));
            return;
        }
        db.PublishEvent(new FulfilmentAutomationAnswered(ticket.TicketId, ticket.TicketNumber, false, statusCode, ticket.AutomationAnswer ?? "", now), ticket.TicketId);
        ticket.FailAutomation();
        await assignment.TryAssignAsync(db, ticket, cancellationToken);
    }

    /// <summary>Serialises fulfilment changes of one request: SQLite transactions already are; PostgreSQL takes a transaction advisory lock.</summary>
    public static Task LockRequestAsync(RoutingDbContext db, Guid ticketId, CancellationToken cancellationToken) =>
        TransactionLock.AcquireAsync(db, "routing-fulfilment:" + ticketId, shared: false, cancellationToken);

    public static Task<CatalogItemDefinition?> DefinitionAsync(RoutingDbContext db, RoutedTicket ticket, CancellationToken cancellationToken) =>
        ticket.CatalogItem is null || ticket.CatalogVersion is null
            ? Task.FromResult<CatalogItemDefinition?>(null)
            : db.CatalogItemVersions.AsNoTracking().Where(v => v.Key == ticket.CatalogItem && v.Version == ticket.CatalogVersion)
                .Select(v => v.Definition).FirstOrDefaultAsync(cancellationToken);

    private static void OpenNextStep(RoutingDbContext db, RoutedTicket ticket, List<FulfilmentTask> tasks, DateTimeOffset now)
    {
        if (tasks.Any(t => t.Status == FulfilmentTaskStatus.Open))
        {
            return;
        }
        var waiting = tasks.Where(t => t.Status == FulfilmentTaskStatus.Waiting).ToList();
        if (waiting.Count == 0)
        {
            db.PublishEvent(ticket.Fulfil(automatic: false, $"All {tasks.Count} fulfilment tasks are done.", now), ticket.TicketId);
            return;
        }
        var step = waiting.Min(t => t.Step);
        foreach (var task in waiting.Where(t => t.Step == step))
        {
            task.Status = FulfilmentTaskStatus.Open;
            task.OpenedAt = now;
            db.PublishEvent(new FulfilmentTaskOpened(ticket.TicketId, ticket.TicketNumber, task.Id, task.Name, task.Queue, task.Step, now), ticket.TicketId);
        }
    }
}
