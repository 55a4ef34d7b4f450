using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

/// <summary>Agents correct a ticket's category; each correction is a labelled example for <c>train-from-tickets</c>.</summary>
internal static class CorrectionsApi
{
    public static RouteGroupBuilder MapCorrectionsApi(this RouteGroupBuilder routing)
    {
        routing.MapPut("/tickets/{ticketId}/category", CorrectAsync).WithName("Routing_CorrectCategory")
            .WithSummary("Correct a ticket's category")
            .WithDescription("An agent's verdict on the category routing chose; it becomes a labelled example for training.").ProducesProblem(404).ProducesProblem(409)
            // Agents correct as they work (tickets:agent); routing's administrators may too.
            .RequireAnyScope([HelpDeskScopes.TicketsAgent, HelpDeskScopes.RoutingAdmin]);
        routing.MapGet("/corrections", async (RoutingDbContext db, CancellationToken cancellationToken) =>
            TypedResults.Ok((await db.CategoryCorrections.AsNoTracking().OrderByDescending(c => c.CorrectedAt).Take(500).ToListAsync(cancellationToken))
                .Select(c => new CategoryCorrectionView(c.TicketId, c.Language, c.PreviousCategory, c.Category, c.CorrectedBy, c.CorrectedAt)).ToList()))
            .WithName("Routing_ListCorrections").WithSummary("List category corrections")
            .WithDescription("The latest 500 category corrections by agents, newest first: the labelled examples training uses.");
        return routing;
    }

    private static async Task<Results<Ok<RoutedTicketView>, NotFound, ValidationProblem>> CorrectAsync(
        TicketRef ticketId, CategoryCorrectionRequest request, Caller caller, RoutingDbContext db, TicketClassifier classifier, TimeProvider time,
        CancellationToken cancellationToken)
    {
        // A person corrects as themselves (the body cannot name someone else); a machine client names the agent it relays.
        var agent = caller.IsPerson ? caller.Email ?? caller.DisplayName : request.Agent?.Trim() is { Length: > 0 } named ? named : caller.DisplayName;
        var validation = new Validation().Required(request.Category?.Trim(), "category", 100).Required(agent, "agent");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var category = request.Category!.Trim();
        // Two corrections of one ticket, or a correction and an assignment or hand-over of it, race on
        // RoutedTicket.Version (and two first corrections on the correction's key): the loser runs again on fresh state.
        var ticket = await WriteConflicts.RunAsync(db, "Routing_CorrectCategory", async ct =>
        {
            var found = await db.RoutedTickets.WhereTicket(ticketId).FirstOrDefaultAsync(ct);
            if (found is not null)
            {
                await RecordCorrectionAsync(db, classifier, found, category, agent!, time.GetUtcNow(), ct);
            }
            return found;
        }, cancellationToken);
        if (ticket is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(RoutedTicketView.From(ticket));
    }

    private static async Task RecordCorrectionAsync(
        RoutingDbContext db, TicketClassifier classifier, RoutedTicket ticket, string category, string agent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = ticket.TicketId;
        var correction = await db.CategoryCorrections.FirstOrDefaultAsync(c => c.TicketId == id, cancellationToken);
        if (correction is null)
        {
            correction = new CategoryCorrection
            {
                TicketId = id, Subject = ticket.Subject, Description = ticket.Description, PreviousCategory = ticket.Category,
                Language = "en", Category = category, CorrectedBy = agent,
            };
            db.CategoryCorrections.Add(correction);
        }
        correction.Language = classifier.Analyzer.Analyze($"{ticket.Subject} {ticket.Description}").Language;
        correction.Category = category;
        correction.CorrectedBy = agent;
        correction.CorrectedAt = now;
        db.PublishEvent(ticket.Recategorise(category, agent, now), ticket.TicketId);
        await db.SaveChangesAsync(cancellationToken);
    }
}
