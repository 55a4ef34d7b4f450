using HelpDesk.ServiceDefaults.Http;
using System.Text;
using HelpDesk.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Intake.Tickets;

public static class TicketsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static RouteGroupBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/v1/tickets").WithTags("Tickets").AddEndpointFilter<ScopeFilter>();
        tickets.MapPost("/", SubmitAsync).WithName("SubmitTicket");
        tickets.MapGet("/", ListAsync).WithName("ListTickets");
        tickets.MapGet("/{idOrNumber}", GetAsync).WithName("GetTicket");
        tickets.MapPost("/{idOrNumber}/transitions", TransitionAsync).WithName("TransitionTicket");
        tickets.MapPost("/{idOrNumber}/comments", CommentAsync).WithName("CommentOnTicket");
        tickets.MapGet("/{idOrNumber}/comments", ListCommentsAsync).WithName("ListTicketComments");
        tickets.MapPost("/{idOrNumber}/rating", RateAsync).WithName("RateTicket");
        return tickets;
    }

    private static async Task<Results<Created<TicketResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        SubmitTicketRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        HttpContext http,
        TicketSubmissions submissions,
        IOptions<IntakeOptions> options,
        CancellationToken cancellationToken)
    {
        var caller = CallerIdentity.From(http.Request);
        var person = http.GetCaller();
        if (TicketAccess.IsRequesterOnly(person))
        {
            // A requester raises tickets for themselves: who they are comes from their identity, not the body.
            if (person.Email is null)
            {
                return HttpProblems.Forbidden("No e-mail address", "Your identity carries no e-mail address, which a ticket needs for its requester.");
            }
            request = request with { Requester = new RequesterInput(person.Email, person.Name, person.Organisation), RequesterEmail = null, RequesterName = null };
        }
        var errors = new Dictionary<string, string[]>();
        var draft = TicketValidation.Validate(request, caller.Channel ?? TicketChannel.Api, options.Value, errors);
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > TicketLimits.IdempotencyKeyMaxLength || idempotencyKey.Any(c => c < 0x21 || c > 0x7e)))
        {
            errors[IdempotencyKeyHeader] = [$"The Idempotency-Key header must be 1–{TicketLimits.IdempotencyKeyMaxLength} visible ASCII characters."];
        }
        if (draft is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var claim = idempotencyKey is null ? null : IdempotencyClaim.For(caller.ClientId, idempotencyKey, draft, submissions.JsonOptions);
        var result = await submissions.SubmitAsync(draft, caller.ClientId, claim, cancellationToken);
        switch (result.Outcome)
        {
            case SubmissionOutcome.KeyReusedWithDifferentRequest:
                return TypedResults.Problem(
                    title: "Idempotency key reused",
                    detail: $"The Idempotency-Key '{idempotencyKey}' was already used with a different request body. Use a new key for a new ticket.",
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    extensions: new Dictionary<string, object?> { ["field"] = IdempotencyKeyHeader });
            case SubmissionOutcome.Replayed:
                http.Response.Headers[ReplayedHeader] = "true";
                break;
        }
        var ticket = result.Ticket!;
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", ticket);
    }

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> GetAsync(string idOrNumber, Caller caller, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await FindAsync(db.Tickets.AsNoTracking(), idOrNumber, cancellationToken);
        return ticket is null || !TicketAccess.CanSee(caller, ticket) ? NotFoundProblem(idOrNumber) : TypedResults.Ok(TicketResponse.From(ticket));
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> TransitionAsync(
        string idOrNumber, TransitionRequest request, HttpContext http, IntakeDbContext db, IOptions<IntakeOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.To is not { } to || !Enum.IsDefined(to)) errors["to"] = [$"The target status is required: one of {string.Join(", ", Enum.GetNames<TicketStatus>())}."];
        if (request.Reason is { Length: > 1000 }) errors["reason"] = ["The reason must be at most 1000 characters."];
        if (request.Resolution is { Length: > 4000 }) errors["resolution"] = ["The resolution must be at most 4000 characters."];
        if (request.AssigneeId is { Length: > 200 }) errors["assigneeId"] = ["The assignee id must be at most 200 characters."];
        if (request.Actor is { Length: > 200 }) errors["actor"] = ["The actor must be at most 200 characters."];
        var expectedVersion = request.ExpectedVersion ?? ParseIfMatch(http.Request, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var caller = http.GetCaller();
        var ticket = await FindAsync(db.Tickets, idOrNumber, cancellationToken);
        if (ticket is null || !TicketAccess.CanSee(caller, ticket))
        {
            return NotFoundProblem(idOrNumber);
        }
        if (!TicketAccess.MayTransition(caller, ticket, request.To!.Value))
        {
            return HttpProblems.Forbidden("Transition not allowed for you",
                $"'{caller.DisplayName}' may not move ticket {ticket.Number} to {request.To}: requesters may close their own tickets or reopen them after resolution; agents do the rest.");
        }
        if (VersionConflict(ticket, expectedVersion) is { } conflict)
        {
            return conflict;
        }
        // The actor is who is calling, never a name from the body.
        var actor = TicketAccess.NameOf(caller);
        var refusal = TicketWorkflow.Transition(db, ticket, request.To!.Value, actor, request.Reason, time.GetUtcNow(), options.Value, request.Resolution, request.AssigneeId, request.AssigneeName);
        if (refusal is not null)
        {
            return Conflict("Transition not allowed", refusal);
        }
        return await SaveAsync(db, ticket, cancellationToken) ?? (Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>)TypedResults.Ok(TicketResponse.From(ticket));
    }

    private static async Task<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>> CommentAsync(
        string idOrNumber, CommentRequest request, HttpContext http, IntakeDbContext db, IOptions<IntakeOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var body = request.Body?.Trim();
        if (string.IsNullOrEmpty(body)) errors["body"] = ["A comment body is required."];
        else if (body.Length > TicketLimits.CommentMaxLength) errors["body"] = [$"A comment must be at most {TicketLimits.CommentMaxLength} characters."];
        var isPublic = request.IsPublic ?? true;
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Author and author kind come from the verified caller; the body's "author" and "authorKind" are ignored.
        var caller = http.GetCaller();
        var ticket = await FindAsync(db.Tickets, idOrNumber, cancellationToken);
        if (ticket is null || !TicketAccess.CanSee(caller, ticket))
        {
            return NotFoundProblem(idOrNumber);
        }
        if (TicketAccess.CommentKind(caller, ticket) is not { } kind)
        {
            return HttpProblems.Forbidden("Comment not allowed", $"'{caller.DisplayName}' may read ticket {ticket.Number} but not comment on it.");
        }
        if (!isPublic && kind != CommentAuthorKind.Agent)
        {
            return HttpProblems.Forbidden("Internal notes need an agent", "Only agents write internal notes; requesters' and channel apps' comments are public.");
        }
        var author = TicketAccess.NameOf(caller);
        var (comment, refusal) = TicketWorkflow.Comment(db, ticket, author, kind, isPublic, body!, time.GetUtcNow(), options.Value);
        if (refusal is not null)
        {
            return Conflict("Comment not accepted", refusal);
        }
        if (await SaveAsync(db, ticket, cancellationToken) is { } failed)
        {
            return failed;
        }
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}/comments/{comment!.Id}", CommentResponse.From(comment));
    }

    private static async Task<Results<Ok<CommentResponse[]>, ProblemHttpResult>> ListCommentsAsync(
        string idOrNumber, bool? includeInternal, Caller caller, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await FindAsync(db.Tickets.AsNoTracking(), idOrNumber, cancellationToken);
        if (ticket is null || !TicketAccess.CanSee(caller, ticket))
        {
            return NotFoundProblem(idOrNumber);
        }
        var comments = db.Comments.AsNoTracking().Where(c => c.TicketId == ticket.Id);
        // Internal notes only for the desk and leads, whatever the query string asks.
        if (includeInternal != true || !TicketAccess.CanSeeInternalNotes(caller))
        {
            comments = comments.Where(c => c.IsPublic);
        }
        var list = await comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(CommentResponse.From).ToArray());
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> RateAsync(
        string idOrNumber, RatingRequest request, Caller caller, IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Score is not (>= 1 and <= 5)) errors["score"] = ["The score must be a whole number from 1 to 5."];
        if (request.Comment is { Length: > TicketLimits.RatingCommentMaxLength }) errors["comment"] = [$"The comment must be at most {TicketLimits.RatingCommentMaxLength} characters."];
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var ticket = await FindAsync(db.Tickets, idOrNumber, cancellationToken);
        if (ticket is null || !TicketAccess.CanSee(caller, ticket))
        {
            return NotFoundProblem(idOrNumber);
        }
        if (!TicketAccess.MayRate(caller, ticket))
        {
            return HttpProblems.Forbidden("Rating not allowed", $"Only the requester of ticket {ticket.Number} rates it.");
        }
        if (TicketWorkflow.Rate(db, ticket, request.Score!.Value, request.Comment, time.GetUtcNow()) is { } refusal)
        {
            return Conflict("Rating not accepted", refusal);
        }
        return await SaveAsync(db, ticket, cancellationToken) ?? (Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>)TypedResults.Ok(TicketResponse.From(ticket));
    }

    private static async Task<Results<Ok<TicketPage>, ValidationProblem>> ListAsync(
        [AsParameters] TicketListQuery query, Caller caller, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = query.Parse(errors);
        if (filter is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await filter.RunAsync(TicketAccess.Visible(db.Tickets.AsNoTracking(), caller), cancellationToken));
    }

    internal static Task<Ticket?> FindAsync(IQueryable<Ticket> tickets, string idOrNumber, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(idOrNumber, out var id))
        {
            return tickets.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        }
        var number = idOrNumber.Trim().ToUpperInvariant();
        return tickets.FirstOrDefaultAsync(t => t.Number == number, cancellationToken);
    }

    private static async Task<ProblemHttpResult?> SaveAsync(IntakeDbContext db, Ticket ticket, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict("Concurrent change", $"Ticket {ticket.Number} was changed by someone else at the same time; reload it and try again.");
        }
    }

    private static ProblemHttpResult? VersionConflict(Ticket ticket, int? expectedVersion) =>
        expectedVersion is { } expected && expected != ticket.Version
            ? Conflict("Version conflict", $"Ticket {ticket.Number} is at version {ticket.Version}, not {expected}; reload it and try again.")
            : null;

    private static int? ParseIfMatch(HttpRequest request, Dictionary<string, string[]> errors)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return null;
        }
        var text = ifMatch.Trim().TrimStart('W', '/').Trim('"');
        if (int.TryParse(text, out var version))
        {
            return version;
        }
        errors["If-Match"] = ["If-Match must carry the ticket version, e.g. \"3\"."];
        return null;
    }

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    // A ProblemHttpResult, not NotFound<ProblemDetails>: only it answers with application/problem+json.
    private static ProblemHttpResult NotFoundProblem(string idOrNumber) =>
        TypedResults.Problem(
            title: "Ticket not found",
            detail: $"No ticket has the id or number '{(idOrNumber.Length > 60 ? idOrNumber[..60] : idOrNumber)}'.",
            statusCode: StatusCodes.Status404NotFound);

    internal static string EncodeCursor(long sequence) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"t1:{sequence}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static long? DecodeCursor(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return text.StartsWith("t1:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(3), out var sequence) && sequence > 0 ? sequence : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
