using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Intake.Api;

/// <summary>Typed links between tickets (both directions shown), and merging a duplicate into its original with an undo window.</summary>
public static class LinksApi
{
    public static RouteGroupBuilder MapLinksApi(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/v1/tickets").WithTags("Links and merge").RequireScope(HelpDeskScopes.TicketsAgent);
        tickets.MapGet("/{idOrNumber}/links", ListAsync).WithName("Tickets_ListLinks")
            .WithSummary("List a ticket's links")
            .WithDescription("Typed links of the ticket in both directions (duplicate of, related, caused by, fixed by).").ProducesProblem(404);
        tickets.MapPost("/{idOrNumber}/links", LinkAsync).WithName("Tickets_Link")
            .WithSummary("Link two tickets")
            .WithDescription("Records a typed link (`DuplicateOf`, `Related`, `CausedBy`, `FixedBy`) from this ticket to another.").ProducesProblem(404).ProducesProblem(409);
        tickets.MapDelete("/{idOrNumber}/links/{type}/{target}", UnlinkAsync).WithName("Tickets_Unlink")
            .WithSummary("Remove a link")
            .WithDescription("Removes one relation between two tickets.").ProducesProblem(404);
        tickets.MapPost("/{idOrNumber}/merge", MergeAsync).WithName("Tickets_Merge")
            .WithSummary("Merge a duplicate")
            .WithDescription("Merges this duplicate into its original; the merge can be undone for a while.").ProducesProblem(404).ProducesProblem(422);
        tickets.MapPost("/{idOrNumber}/merge/undo", UndoMergeAsync).WithName("Tickets_UndoMerge")
            .WithSummary("Undo a merge")
            .WithDescription("Reverses a merge within the undo window.").ProducesProblem(404).ProducesProblem(409);
        return tickets;
    }

    private static async Task<Results<Ok<TicketLinkResponse[]>, ProblemHttpResult>> ListAsync(string idOrNumber, Caller caller, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().FindWorkedByAsync(idOrNumber, caller, cancellationToken);
        return ticket is null ? TicketProblems.NotFound(idOrNumber) : TypedResults.Ok(await TicketLinkQueries.BothDirectionsAsync(db, ticket.Id, cancellationToken));
    }

    private static async Task<Results<Created<TicketLinkResponse>, ValidationProblem, ProblemHttpResult>> LinkAsync(
        string idOrNumber, LinkRequest request, Caller caller, IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .When(request.Type is not { } t || !Enum.IsDefined(t), "type", $"The link type is required: one of {string.Join(", ", Enum.GetNames<TicketLinkType>())}.")
            .Required(request.Target, "target", maxLength: 60);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var ticket = await db.Tickets.FindWorkedByAsync(idOrNumber, caller, cancellationToken);
        if (ticket is null)
        {
            return TicketProblems.NotFound(idOrNumber);
        }
        var target = await db.Tickets.FindWorkedByAsync(request.Target!, caller, cancellationToken);
        if (target is null)
        {
            return Validation.Problem("target", $"No ticket has the id or number '{request.Target}'.");
        }
        var type = request.Type!.Value;
        var chain = type == TicketLinkType.DuplicateOf ? await TicketLinkQueries.DuplicateChainAsync(db, target.Id, cancellationToken) : new HashSet<Guid>();
        var exists = await TicketLinkQueries.ExistsAsync(db, ticket.Id, type, target.Id, cancellationToken);
        var actor = caller.Actor();
        var now = time.GetUtcNow();
        var (link, result) = ticket.LinkTo(target, type, chain, exists, actor, now);
        if (result.Error is { } error)
        {
            return error.Kind == TicketErrorKind.NothingToChange ? HttpProblems.Conflict("Already linked", error.Detail) : TicketProblems.Refused(error);
        }
        db.Links.Add(link!);
        db.Record(ticket, result, actor, now);
        // The other side's history shows the inverse link too.
        db.History.AddRange(TicketHistory.Entries(target.Id, TicketResult.Ok() with { Changes = [new TicketFieldChange("link", null, $"{TicketLinkTypes.InverseLabel(type)} {ticket.Number}")] }, actor, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}/links",
            new TicketLinkResponse(type, "outgoing", TicketLinkTypes.Label(type), target.Id, target.Number, target.Type, target.Status, target.Subject, link!.CreatedBy, link.CreatedAt));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UnlinkAsync(
        string idOrNumber, string type, string target, Caller caller, IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<TicketLinkType>(type, ignoreCase: true, out var linkType) || !Enum.IsDefined(linkType))
        {
            return Validation.Problem("type", $"Unknown link type '{(type.Length > 40 ? type[..40] : type)}'.");
        }
        var ticket = await db.Tickets.FindWorkedByAsync(idOrNumber, caller, cancellationToken);
        var other = await db.Tickets.FindWorkedByAsync(target, caller, cancellationToken);
        if (ticket is null || other is null)
        {
            return TicketProblems.NotFound(ticket is null ? idOrNumber : target);
        }
        var link = await TicketLinkQueries.FindAsync(db, ticket.Id, linkType, other.Id, cancellationToken);
        if (link is null)
        {
            return HttpProblems.NotFound("Link not found", $"{ticket.Number} is not {TicketLinkTypes.Label(linkType)} {other.Number}.");
        }
        var (from, to) = link.TicketId == ticket.Id ? (ticket, other) : (other, ticket);
        var actor = caller.Actor();
        var now = time.GetUtcNow();
        db.Links.Remove(link);
        db.Record(from, from.Unlink(to, linkType, actor, now), actor, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MergeResponse>, ValidationProblem, ProblemHttpResult>> MergeAsync(
        string idOrNumber, MergeRequest request, Caller caller, IntakeDbContext db, IOptions<IntakeOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required(request.Into, "into", maxLength: 60);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var source = await db.Tickets.FindWorkedByAsync(idOrNumber, caller, cancellationToken);
        if (source is null)
        {
            return TicketProblems.NotFound(idOrNumber);
        }
        var target = await db.Tickets.FindWorkedByAsync(request.Into!, caller, cancellationToken);
        if (target is null)
        {
            return Validation.Problem("into", $"No ticket has the id or number '{request.Into}'.");
        }
        var merge = new TicketMerge(db, caller.Actor(), time.GetUtcNow(), options.Value.MergeUndoWindow);
        if (await merge.MergeAsync(source, target, cancellationToken) is { } refusal)
        {
            return refusal.Kind == TicketErrorKind.InvalidLink ? HttpProblems.Unprocessable("Merge not allowed", refusal.Detail, "into") : TicketProblems.Refused(refusal);
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new MergeResponse(TicketResponse.From(source), TicketResponse.From(target), merge.CommentsMoved, source.MergedAt + options.Value.MergeUndoWindow));
    }

    private static async Task<Results<Ok<MergeResponse>, ProblemHttpResult>> UndoMergeAsync(
        string idOrNumber, Caller caller, IntakeDbContext db, IOptions<IntakeOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var source = await db.Tickets.FindWorkedByAsync(idOrNumber, caller, cancellationToken);
        if (source is null)
        {
            return TicketProblems.NotFound(idOrNumber);
        }
        var target = source.MergedIntoTicketId is { } targetId ? await db.Tickets.FirstOrDefaultAsync(t => t.Id == targetId, cancellationToken) : null;
        if (target is null)
        {
            return HttpProblems.Conflict("Not merged", $"Ticket {source.Number} is not merged into another ticket.");
        }
        var merge = new TicketMerge(db, caller.Actor(), time.GetUtcNow(), options.Value.MergeUndoWindow);
        if (await merge.UndoAsync(source, target, cancellationToken) is { } refusal)
        {
            return TicketProblems.Refused(refusal);
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new MergeResponse(TicketResponse.From(source), TicketResponse.From(target), merge.CommentsMoved, null));
    }
}
