using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Api;

/// <summary>How agent operations answer: a ticket's refusal as a problem, a saved change as the ticket with its new ETag.</summary>
public static class TicketProblems
{
    public static ProblemHttpResult NotFound(string idOrNumber) =>
        HttpProblems.NotFound("Ticket not found", $"No ticket has the id or number '{(idOrNumber.Length > 60 ? idOrNumber[..60] : idOrNumber)}'.");

    /// <summary>A domain refusal: 400/422 naming the field for input the ticket cannot take, 404 for the wrong kind of record, else 409 with the ticket's reason.</summary>
    public static ProblemHttpResult Refused(TicketError error) => error.Kind switch
    {
        TicketErrorKind.TooManyTags => HttpProblems.Unprocessable("Too many tags", error.Detail, "tags"),
        TicketErrorKind.InvalidLink => HttpProblems.Unprocessable("Link not allowed", error.Detail, "target"),
        TicketErrorKind.ChangePlanIncomplete => HttpProblems.Unprocessable("Change plan incomplete", error.Detail, error.Field),
        TicketErrorKind.InvalidChangePlan => FieldProblem(error.Field ?? "body", error.Detail),
        TicketErrorKind.NotAChange => HttpProblems.NotFound("Change not found", error.Detail),
        _ => HttpProblems.Conflict("Change not allowed", error.Detail),
    };

    /// <summary>A 400 shaped like a validation problem (<c>errors.{field}</c>) for input only the loaded ticket could judge.</summary>
    private static ProblemHttpResult FieldProblem(string field, string message) =>
        TypedResults.Problem(title: "One or more validation errors occurred.", detail: message, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] }, ["field"] = field });

    /// <summary>
    /// Load (only a ticket the caller works: any other is 404) → check the caller's version → change → save; a change without a version is rerun on the fresh ticket when a
    /// concurrent save raced it (<see cref="UnversionedChanges"/>), so <paramref name="change"/> must only touch the ticket
    /// and what it adds to <paramref name="db"/>.
    /// </summary>
    public static Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        IntakeDbContext db, HttpResponse response, string idOrNumber, Caller caller, int? expected, TicketActor actor, DateTimeOffset now, Func<Ticket, TicketResult> change,
        CancellationToken cancellationToken) =>
        UnversionedChanges.RunAsync<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>>(db, expected, async () =>
        {
            var ticket = await db.Tickets.FindWorkedByAsync(idOrNumber, caller, cancellationToken);
            if (ticket is null)
            {
                return NotFound(idOrNumber);
            }
            if (expected is { } version && version != ticket.Version)
            {
                return TicketVersions.Stale(ticket, version);
            }
            return await SaveAsync(db, response, ticket, change(ticket), actor, now, cancellationToken);
        });

    /// <summary>Records and saves a ticket's change; a refusal saves nothing; a concurrent change is a 412 unless <see cref="UnversionedChanges"/> may run it again.</summary>
    public static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        IntakeDbContext db, HttpResponse response, Ticket ticket, TicketResult result, TicketActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (result.Error is { } error)
        {
            return Refused(error);
        }
        db.Record(ticket, result, actor, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (db.ConcurrencyRetriesLeft == 0)
        {
            return TicketVersions.Raced(ticket);
        }
        TicketVersions.SetETag(response, ticket);
        return TypedResults.Ok(TicketResponse.From(ticket));
    }
}
