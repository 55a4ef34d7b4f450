using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Tickets;

public sealed record SubmitTicketRequest(
    string? Subject,
    string? Description,
    string? RequesterEmail,
    string? RequesterName = null,
    TicketType Type = TicketType.Incident,
    TicketChannel Channel = TicketChannel.Api,
    string? Language = null);

public sealed record TicketResponse(
    Guid Id,
    string Number,
    TicketType Type,
    TicketChannel Channel,
    TicketStatus Status,
    TicketPriority Priority,
    string Subject,
    string RequesterEmail,
    string? Queue,
    string? Category,
    string? AssigneeId,
    DateTimeOffset CreatedAt)
{
    public static TicketResponse From(Ticket t) =>
        new(t.Id, t.Number, t.Type, t.Channel, t.Status, t.Priority, t.Subject, t.RequesterEmail, t.Queue, t.Category, t.AssigneeId, t.CreatedAt);
}

public static class TicketsApi
{
    public static RouteGroupBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/v1/tickets").WithTags("Tickets");
        tickets.MapPost("/", SubmitAsync).WithName("SubmitTicket");
        tickets.MapGet("/{id:guid}", GetAsync).WithName("GetTicket");
        return tickets;
    }

    private static async Task<Results<Created<TicketResponse>, ValidationProblem>> SubmitAsync(
        SubmitTicketRequest request, IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Subject)) errors["subject"] = ["A subject is required."];
        if (string.IsNullOrWhiteSpace(request.Description)) errors["description"] = ["A description is required."];
        if (string.IsNullOrWhiteSpace(request.RequesterEmail) || !request.RequesterEmail.Contains('@')) errors["requesterEmail"] = ["A valid e-mail address is required."];
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7();
        var ticket = new Ticket
        {
            Id = id,
            Number = "HD-" + id.ToString("N")[^8..].ToUpperInvariant(),
            Type = request.Type,
            Channel = request.Channel,
            Status = TicketStatus.New,
            Priority = TicketPriority.Medium,
            RequesterEmail = request.RequesterEmail!.Trim(),
            RequesterName = request.RequesterName,
            Subject = request.Subject!.Trim(),
            Description = request.Description!,
            Language = request.Language ?? "en",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tickets.Add(ticket);
        db.PublishEvent(new TicketSubmitted(
            ticket.Id, ticket.Number, ticket.Type, ticket.Channel, ticket.Priority,
            new Requester(ticket.RequesterEmail, ticket.RequesterName), ticket.Subject, ticket.Description,
            [], ticket.Language, now), ticket.Id);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", TicketResponse.From(ticket));
    }

    private static async Task<Results<Ok<TicketResponse>, NotFound>> GetAsync(Guid id, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return ticket is null ? TypedResults.NotFound() : TypedResults.Ok(TicketResponse.From(ticket));
    }
}
