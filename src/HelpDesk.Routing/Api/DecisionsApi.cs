using HelpDesk.ServiceDefaults.Http;
using System.Text;
using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Routing.Assignment;
using HelpDesk.Routing.Classification;
using HelpDesk.Routing.Rules;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

public sealed record ExplainRequest(
    TicketType? Type, TicketChannel? Channel, string? Organisation, string? Subject, string? Description, List<string>? Tags, string? CatalogItem);

public sealed record ExplainResponse(
    string Queue, string Category, string DecidedBy, double? Confidence, string Explanation, TicketPriority? PriorityOverride,
    IReadOnlyList<string> Tags, ApprovalState Approval, string? Approver, string? CatalogItem,
    IReadOnlyList<RuleCheck> Rules, ClassifierPrediction? Model, double ModelConfidenceThreshold);

public sealed record ApprovalDecisionRequest(string? Approver, string? Reason);

public sealed record RoutedTicketView(
    Guid TicketId, string TicketNumber, TicketType Type, string Queue, string Category, string DecidedBy, double? Confidence, string? Explanation,
    TicketPriority? PriorityOverride, IReadOnlyList<string> Tags, string? CatalogItem, ApprovalState Approval, string? Approver,
    string? ApprovalDecidedBy, RoutedTicketState State, string? AgentId, string? AssignmentStrategy, DateTimeOffset ReceivedAt,
    DateTimeOffset? AssignedAt, bool IsOpen)
{
    public static RoutedTicketView From(RoutedTicket t) => new(t.TicketId, t.TicketNumber, t.Type, t.Queue, t.Category, t.DecidedBy, t.Confidence,
        t.Explanation, t.PriorityOverride, t.Tags, t.CatalogItem, t.Approval, t.Approver, t.ApprovalDecidedBy, t.State, t.AgentId,
        t.AssignmentStrategy, t.ReceivedAt, t.AssignedAt, t.IsOpen);
}

public sealed record ModelView(bool Trained, double ConfidenceThreshold, ClassifierInfo? Model);

/// <summary>Routed tickets, dry-run explanations, approvals and the classifier.</summary>
internal static class DecisionsApi
{

    public static void MapDecisionsApi(this RouteGroupBuilder routing)
    {
        routing.MapGet("/tickets/{ticketId:guid}", async Task<Results<Ok<RoutedTicketView>, NotFound>> (Guid ticketId, RoutingDbContext db, CancellationToken cancellationToken) =>
            await db.RoutedTickets.AsNoTracking().FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken) is { } ticket
                ? TypedResults.Ok(RoutedTicketView.From(ticket))
                : TypedResults.NotFound());

        routing.MapPost("/explain", async Task<Results<Ok<ExplainResponse>, ValidationProblem>> (ExplainRequest request, RoutingDbContext db, RoutingDecider decider, TicketClassifier classifier, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(request.Subject) && string.IsNullOrWhiteSpace(request.Description))
            {
                return TypedResults.ValidationProblem(new Validation().Add("subject", "'subject' or 'description' is required.").Errors);
            }
            var facts = new TicketFacts(request.Type ?? TicketType.Incident, request.Channel ?? TicketChannel.Api, request.Organisation,
                request.Subject ?? "", request.Description ?? "", request.Tags ?? [], request.CatalogItem);
            var d = await decider.DecideAsync(db, facts, cancellationToken);
            return TypedResults.Ok(new ExplainResponse(d.Queue, d.Category, d.DecidedBy, d.Confidence, d.Explanation, d.PriorityOverride, d.Tags,
                d.Approval, d.Approver, d.CatalogItem, d.RuleChecks, d.Prediction, classifier.ConfidenceThreshold));
        });

        var approvals = routing.MapGroup("/approvals");
        approvals.MapGet("/", async (RoutingDbContext db, string? approver, CancellationToken cancellationToken) =>
        {
            var pending = db.RoutedTickets.AsNoTracking().Where(t => t.Approval == ApprovalState.Pending);
            if (!string.IsNullOrWhiteSpace(approver))
            {
                pending = pending.Where(t => t.Approver == approver);
            }
            return TypedResults.Ok((await pending.OrderBy(t => t.ReceivedAt).Take(500).ToListAsync(cancellationToken)).Select(RoutedTicketView.From).ToList());
        });
        approvals.MapPost("/{ticketId:guid}/approve", (Guid ticketId, [FromBody] ApprovalDecisionRequest? request, HttpContext http, RoutingDbContext db, AssignmentService assignment, TimeProvider time, CancellationToken cancellationToken) =>
            DecideAsync(ticketId, approved: true, request, http, db, assignment, time, cancellationToken));
        approvals.MapPost("/{ticketId:guid}/reject", (Guid ticketId, [FromBody] ApprovalDecisionRequest? request, HttpContext http, RoutingDbContext db, AssignmentService assignment, TimeProvider time, CancellationToken cancellationToken) =>
            DecideAsync(ticketId, approved: false, request, http, db, assignment, time, cancellationToken));

        var model = routing.MapGroup("/model");
        model.MapGet("/", (TicketClassifier classifier) => TypedResults.Ok(new ModelView(classifier.IsTrained, classifier.ConfidenceThreshold, classifier.Info)));
        model.MapPost("/train", TrainFromCsvAsync).DisableAntiforgery();
        model.MapPost("/train-from-tickets", async Task<Results<Ok<ClassifierInfo>, ValidationProblem>> (RoutingDbContext db, TicketClassifier classifier, CancellationToken cancellationToken) =>
        {
            // Resolved tickets whose category a rule or the model set: what the desk actually worked them as.
            var examples = (await db.RoutedTickets.AsNoTracking()
                    .Where(t => t.ResolvedAt != null && t.DecidedBy != "default")
                    .Select(t => new { t.Subject, t.Description, t.Category })
                    .ToListAsync(cancellationToken))
                .Select(t => new LabelledTicket($"{t.Subject} {t.Description}", t.Category))
                .ToList();
            return await TrainAsync(classifier, examples, "resolved-tickets", "tickets", cancellationToken);
        });
    }

    private static async Task<Results<Ok<RoutedTicketView>, NotFound, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid ticketId, bool approved, ApprovalDecisionRequest? request, HttpContext http, RoutingDbContext db, AssignmentService assignment,
        TimeProvider time, CancellationToken cancellationToken)
    {
        // The decision is the signed-in approver's, never a name from the body or a header.
        var caller = http.GetCaller();
        if (!caller.IsPerson || !caller.IsInRole(HelpDeskRoles.Approver))
        {
            return HttpProblems.Forbidden("Not an approver", "Approvals are decided by a signed-in person with the 'approver' role.");
        }
        var approver = caller.Email ?? caller.Id;
        if (request?.Reason is { Length: > 2000 })
        {
            return TypedResults.ValidationProblem(new Validation().Add("reason", "'reason' must be at most 2000 characters.").Errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticket = await db.RoutedTickets.FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken);
        if (ticket is null)
        {
            return TypedResults.NotFound();
        }
        if (ticket.Approval != ApprovalState.Pending)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not awaiting approval",
                detail: $"Ticket {ticket.TicketNumber} is {ticket.Approval}, not pending approval.");
        }
        if (!IsNamedApprover(ticket.Approver, caller))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not the approver",
                detail: $"Ticket {ticket.TicketNumber} awaits approval by '{ticket.Approver}', not '{approver}'.");
        }
        var now = time.GetUtcNow();
        ticket.Approval = approved ? ApprovalState.Approved : ApprovalState.Rejected;
        ticket.ApprovalDecidedBy = approver;
        db.PublishEvent(new TicketApprovalDecided(ticket.TicketId, ticket.TicketNumber, approved, approver, now, request?.Reason), ticket.TicketId);
        if (approved)
        {
            ticket.State = RoutedTicketState.Waiting;
            await assignment.TryAssignAsync(db, ticket, cancellationToken);
        }
        else
        {
            ticket.State = RoutedTicketState.Rejected;
            ticket.IsOpen = false;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RoutedTicketView.From(ticket));
    }

    /// <summary>Trains from a CSV upload: a text/csv body or a multipart form file named "file".</summary>
    private static async Task<Results<Ok<ClassifierInfo>, ValidationProblem>> TrainFromCsvAsync(HttpRequest request, TicketClassifier classifier, CancellationToken cancellationToken)
    {
        List<LabelledTicket> examples;
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                if (form.Files.GetFile("file") is not { } file)
                {
                    return TypedResults.ValidationProblem(new Validation().Add("file", "Upload the CSV as a form file named 'file'.").Errors);
                }
                using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
                examples = CsvReader.ReadLabelledTickets(new StringReader(await reader.ReadToEndAsync(cancellationToken)));
            }
            else
            {
                // Read asynchronously first: Kestrel disallows synchronous reads of the request body.
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                examples = CsvReader.ReadLabelledTickets(new StringReader(await reader.ReadToEndAsync(cancellationToken)));
            }
        }
        catch (InvalidDataException ex)
        {
            return TypedResults.ValidationProblem(new Validation().Add("file", ex.Message).Errors);
        }
        return await TrainAsync(classifier, examples, "csv", "file", cancellationToken);
    }

    private static async Task<Results<Ok<ClassifierInfo>, ValidationProblem>> TrainAsync(
        TicketClassifier classifier, List<LabelledTicket> examples, string source, string field, CancellationToken cancellationToken)
    {
        var categories = examples.Select(e => e.Category).Distinct(StringComparer.Ordinal).Count();
        if (examples.Count < 10 || categories < 2)
        {
            return TypedResults.ValidationProblem(new Validation().Add(field,
                $"Training needs at least 10 labelled tickets in at least 2 categories; got {examples.Count} in {categories}.").Errors);
        }
        return TypedResults.Ok(await classifier.TrainAsync(examples, source, cancellationToken));
    }

    /// <summary>The named approver is a person (their e-mail or user id) or a group they belong to.</summary>
    private static bool IsNamedApprover(string? named, Caller caller) =>
        named is { Length: > 0 }
        && (string.Equals(named, caller.Email, StringComparison.OrdinalIgnoreCase)
            || string.Equals(named, caller.Id, StringComparison.Ordinal)
            || caller.Groups.Contains(named, StringComparer.OrdinalIgnoreCase));
}
