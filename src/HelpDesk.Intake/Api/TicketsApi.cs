using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Intake.Api;

/// <summary>
/// The ticket API for channels and agents. Handlers validate, load, let the <see cref="Ticket"/> decide, queue the
/// events it returns and save; a refusal is a 409 problem with the ticket's reason.
/// </summary>
public static class TicketsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static RouteGroupBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        // Scopes per method; who may see and change which ticket is TicketAccess's (role and ownership).
        var tickets = app.MapGroup("/api/v1/tickets").WithTags("Tickets")
            .RequireScopes(read: HelpDeskScopes.TicketsRead, write: HelpDeskScopes.TicketsWrite);
        tickets.MapPost("/", SubmitAsync).WithName("Tickets_Submit")
            .WithSummary("Submit a ticket")
            .WithDescription("Creates a ticket from a channel app, a person or an integration. Send an `Idempotency-Key` so a retry after a timeout or a lost answer returns the same ticket instead of a duplicate. A requester raises tickets for themselves: the requester fields come from their identity. Catalogue requests send the item's `answers`. When intake is at capacity it answers 503 with `Retry-After` and records nothing: retry then with the same key.")
            .AddEndpointFilter<SubmissionAdmissionFilter>().ProducesProblem(422).ProducesProblem(503);
        tickets.MapGet("/", ListAsync).WithName("Tickets_List")
            .WithSummary("List tickets")
            .WithDescription("The tickets the caller may see, filtered by status, type, priority, channel (comma-separated values), queue, assignee, requester, tag and text `q`. Pages by cursor: `limit` (1–200, default 50) per page, and the page's `nextCursor` as `after` for the next one.");
        tickets.MapGet("/{idOrNumber}", GetAsync).WithName("Tickets_Get")
            .WithSummary("Get a ticket")
            .WithDescription("One ticket by id or number (`HD-000123`), with its status, queue, assignee and SLA targets. The `ETag` header is its version, for `If-Match` on changes. A ticket the caller may not see answers 404.").ProducesProblem(404);
        tickets.MapPost("/{idOrNumber}/transitions", TransitionAsync).WithName("Tickets_Transition")
            .WithSummary("Change a ticket's status")
            .WithDescription("Moves the ticket to another status (acknowledge, wait, resolve, close, reopen …). Requesters may close their own tickets or reopen them after resolution. `expectedVersion` or `If-Match` refuses the change when the ticket moved on meanwhile (409).").ProducesProblem(404).ProducesProblem(409).AcceptsIfMatch();
        tickets.MapPost("/{idOrNumber}/comments", CommentAsync).WithName("Tickets_Comment")
            .WithSummary("Comment on a ticket")
            .WithDescription("Adds a public comment or (agents only) an internal note. The author comes from the caller's identity.").ProducesProblem(404).ProducesProblem(409);
        tickets.MapGet("/{idOrNumber}/comments", ListCommentsAsync).WithName("Tickets_ListComments")
            .WithSummary("List a ticket's comments")
            .WithDescription("The comments of a ticket, oldest first; internal notes only for agents.").ProducesProblem(404);
        tickets.MapPost("/{idOrNumber}/rating", RateAsync).WithName("Tickets_Rate")
            .WithSummary("Rate a resolved ticket")
            .WithDescription("The requester's satisfaction rating (1–5) and an optional remark, once the ticket is resolved or closed.").ProducesProblem(404).ProducesProblem(409);
        return tickets;
    }

    private static async Task<Results<Created<TicketResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        SubmitTicketRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        Caller caller,
        HttpResponse response,
        TicketSubmissions submissions,
        CatalogForms catalogForms,
        IOptions<IntakeOptions> options,
        CancellationToken cancellationToken)
    {
        if (RequesterIdentity.RaisesForThemselves(caller, request))
        {
            // A requester raises tickets for themselves (and a person naming no one raises one for themselves):
            // who they are comes from their identity, not the body.
            if (caller.Email is null)
            {
                return HttpProblems.Forbidden("No e-mail address", "Your identity carries no e-mail address, which a ticket needs for its requester.");
            }
            request = request with { Requester = new RequesterInput(caller.Email, caller.Name, caller.Organisation), RequesterEmail = null, RequesterName = null };
        }
        var validation = new Validation();
        var draft = TicketValidation.Validate(request, caller.TicketChannel() ?? TicketChannel.Api, options.Value, validation);
        if (draft is not null)
        {
            draft = await catalogForms.ApplyAsync(draft, request.Answers, validation, cancellationToken);
        }
        validation.When(
            idempotencyKey is not null && (idempotencyKey.Length is 0 or > TicketLimits.IdempotencyKeyMaxLength || idempotencyKey.Any(c => c < 0x21 || c > 0x7e)),
            IdempotencyKeyHeader, $"The Idempotency-Key header must be 1–{TicketLimits.IdempotencyKeyMaxLength} visible ASCII characters.");
        if (draft is null || !validation.IsValid)
        {
            return validation.Problem();
        }

        var claim = idempotencyKey is null ? null : IdempotencyClaim.For(caller.Id, idempotencyKey, draft, submissions.JsonOptions);
        // After the claim: a retry after the directory changed the manager is still the same request.
        draft = draft with { RequesterManager = RequesterIdentity.ManagerOf(caller, draft.Requester) };
        var result = await submissions.SubmitAsync(draft, caller.Id, claim, cancellationToken);
        switch (result.Outcome)
        {
            case SubmissionOutcome.KeyReusedWithDifferentRequest:
                return HttpProblems.Unprocessable(
                    "Idempotency key reused",
                    $"The Idempotency-Key '{idempotencyKey}' was already used with a different request body. Use a new key for a new ticket.",
                    IdempotencyKeyHeader);
            case SubmissionOutcome.Replayed:
                response.Headers[ReplayedHeader] = "true";
                break;
        }
        var ticket = result.Ticket!;
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", ticket);
    }

    private static async Task<Results<Ok<TicketPage>, ValidationProblem>> ListAsync(
        [AsParameters] TicketListQuery query, Caller caller, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var filter = query.Parse(validation);
        if (filter is null)
        {
            return validation.Problem();
        }
        return TypedResults.Ok(await filter.RunAsync(TicketAccess.Visible(db.Tickets.AsNoTracking(), caller), cancellationToken));
    }

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> GetAsync(string idOrNumber, Caller caller, HttpResponse response, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().FindByIdOrNumberAsync(idOrNumber, cancellationToken);
        if (ticket is null || !TicketAccess.CanSee(caller, ticket))
        {
            return TicketNotFound(idOrNumber);
        }
        TicketVersions.SetETag(response, ticket);
        return TypedResults.Ok(TicketResponse.From(ticket));
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> TransitionAsync(
        string idOrNumber, TransitionRequest request, Caller caller, HttpRequest http, IntakeDbContext db, IOptions<IntakeOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        var expectedVersion = request.ExpectedVersion ?? TicketVersions.ParseIfMatch(http, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await UnversionedChanges.RunAsync(db, expectedVersion, async () =>
        {
            var ticket = await db.Tickets.FindByIdOrNumberAsync(idOrNumber, cancellationToken);
            if (ticket is null || !TicketAccess.CanSee(caller, ticket))
            {
                return TicketNotFound(idOrNumber);
            }
            if (!TicketAccess.MayTransition(caller, ticket, request.To!.Value))
            {
                return HttpProblems.Forbidden("Transition not allowed for you",
                    $"'{caller.DisplayName}' may not move ticket {ticket.Number} to {request.To}: requesters may close their own tickets or reopen them after resolution; agents do the rest.");
            }
            if (expectedVersion is { } expected && expected != ticket.Version)
            {
                return HttpProblems.Conflict("Version conflict", $"Ticket {ticket.Number} is at version {ticket.Version}, not {expected}; reload it and try again.");
            }
            var now = time.GetUtcNow();
            var result = ticket.Transition(request.ToTransition(TicketAccess.NameOf(caller)), now, options.Value.ReopenWindow);
            if (result.Error is { } error)
            {
                return error.Kind == TicketErrorKind.ChangePlanIncomplete ? TicketProblems.Refused(error) : HttpProblems.Conflict("Transition not allowed", error.Detail);
            }
            db.Record(ticket, result, caller.Actor(), now);
            return await SaveAsync(db, ticket, cancellationToken) ?? (Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>)TypedResults.Ok(TicketResponse.From(ticket));
        });
    }

    private static async Task<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>> CommentAsync(
        string idOrNumber, CommentRequest request, Caller caller, IntakeDbContext db, IOptions<IntakeOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        // Author and author kind come from the verified caller; the body's "author" and "authorKind" are ignored.
        return await UnversionedChanges.RunAsync<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>>(db, null, async () =>
        {
            var ticket = await db.Tickets.FindByIdOrNumberAsync(idOrNumber, cancellationToken);
            if (ticket is null || !TicketAccess.CanSee(caller, ticket))
            {
                return TicketNotFound(idOrNumber);
            }
            if (TicketAccess.CommentKind(caller, ticket) is not { } kind)
            {
                return HttpProblems.Forbidden("Comment not allowed", $"'{caller.DisplayName}' may read ticket {ticket.Number} but not comment on it.");
            }
            var isPublic = request.IsPublic ?? true;
            if (!isPublic && kind != CommentAuthorKind.Agent)
            {
                return HttpProblems.Forbidden("Internal notes need an agent", "Only agents write internal notes; requesters' and channel apps' comments are public.");
            }
            var newComment = new NewComment(TicketAccess.NameOf(caller), kind, isPublic, request.Body!.Trim());
            var now = time.GetUtcNow();
            var (comment, result) = ticket.Comment(newComment, now, options.Value.ReopenWindow);
            if (result.Error is { } error)
            {
                return HttpProblems.Conflict("Comment not accepted", error.Detail);
            }
            db.Comments.Add(comment!);
            db.Record(ticket, result, caller.Actor(), now);
            if (await SaveAsync(db, ticket, cancellationToken) is { } failed)
            {
                return failed;
            }
            return TypedResults.Created($"/api/v1/tickets/{ticket.Id}/comments/{comment!.Id}", CommentResponse.From(comment));
        });
    }

    private static async Task<Results<Ok<CommentResponse[]>, ProblemHttpResult>> ListCommentsAsync(
        string idOrNumber, bool? includeInternal, Caller caller, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().FindByIdOrNumberAsync(idOrNumber, cancellationToken);
        if (ticket is null || !TicketAccess.CanSee(caller, ticket))
        {
            return TicketNotFound(idOrNumber);
        }
        var comments = db.Comments.AsNoTracking().Where(c => c.TicketId == ticket.Id);
        // Internal notes only for the desk and leads, whatever the query string asks.
        if (includeInternal != true || !TicketAccess.CanSeeInternalNotes(caller, ticket))
        {
            comments = comments.Where(c => c.IsPublic);
        }
        var list = await comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(CommentResponse.From).ToArray());
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> RateAsync(
        string idOrNumber, RatingRequest request, Caller caller, IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await UnversionedChanges.RunAsync(db, null, async () =>
        {
            var ticket = await db.Tickets.FindByIdOrNumberAsync(idOrNumber, cancellationToken);
            if (ticket is null || !TicketAccess.CanSee(caller, ticket))
            {
                return TicketNotFound(idOrNumber);
            }
            if (!TicketAccess.MayRate(caller, ticket))
            {
                return HttpProblems.Forbidden("Rating not allowed", $"Only the requester of ticket {ticket.Number} rates it.");
            }
            var now = time.GetUtcNow();
            var result = ticket.Rate(request.Score!.Value, request.Comment, now);
            if (result.Error is { } error)
            {
                return HttpProblems.Conflict("Rating not accepted", error.Detail);
            }
            db.Record(ticket, result, caller.Actor(), now);
            return await SaveAsync(db, ticket, cancellationToken) ?? (Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>)TypedResults.Ok(TicketResponse.From(ticket));
        });
    }

    /// <summary>Null when saved; a 409 when another request changed the ticket first (its version moved) and <see cref="UnversionedChanges"/> may not run it again.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(IntakeDbContext db, Ticket ticket, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException) when (db.ConcurrencyRetriesLeft == 0)
        {
            return HttpProblems.Conflict("Concurrent change", $"Ticket {ticket.Number} was changed by someone else at the same time; reload it and try again.");
        }
    }


    private static ProblemHttpResult TicketNotFound(string idOrNumber) =>
        HttpProblems.NotFound("Ticket not found", $"No ticket has the id or number '{(idOrNumber.Length > 60 ? idOrNumber[..60] : idOrNumber)}'.");
}
