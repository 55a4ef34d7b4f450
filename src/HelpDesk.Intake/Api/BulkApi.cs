using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Intake.Api;

/// <summary>
/// Bulk operations: the same actions on up to 500 tickets. Each ticket is its own transaction (the ticket, its events,
/// its history and its bulk item commit together), so a ticket is never half-applied and one ticket's refusal does not
/// undo the others. The Idempotency-Key makes a retry (after a timeout or a crash mid-way) replay what was done and
/// do only what was not.
/// </summary>
public static class BulkApi
{
    public static RouteHandlerBuilder MapBulkApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/tickets/bulk", BulkAsync).WithName("Tickets_Bulk").WithTags("Agent operations")
            .RequireScope(HelpDeskScopes.TicketsAgent)
            .WithSummary("Change many tickets at once")
            .WithDescription("Applies the same actions to up to 500 tickets; each ticket is its own transaction, so one refusal does not undo the others. The answer lists each ticket's outcome. An `Idempotency-Key` makes a retry replay what was done and do only what was not.").ProducesProblem(422);

    private static async Task<Results<Ok<BulkResponse>, ValidationProblem, ProblemHttpResult>> BulkAsync(
        BulkRequest request, [FromHeader(Name = TicketsApi.IdempotencyKeyHeader)] string? idempotencyKey, Caller caller,
        IntakeDbContext db, IOptions<IntakeOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = Validate(request, idempotencyKey);
        var actions = request.Actions;
        if (validation.IsValid && request.Macro is { } name)
        {
            var macroName = name.Trim().ToLowerInvariant();
            var macro = await db.Macros.AsNoTracking().FirstOrDefaultAsync(m => m.Name == macroName, cancellationToken);
            validation.When(macro is null, "macro", $"No macro is named '{name}'.");
            actions = macro?.Actions;
        }
        var plan = validation.IsValid ? TicketActionParser.Parse(actions, "actions", validation) : null;
        if (plan is null || !validation.IsValid)
        {
            return validation.Problem();
        }
        var hash = Hash(request);
        if (await db.BulkItems.AsNoTracking().AnyAsync(i => i.ClientId == caller.Id && i.Key == idempotencyKey && i.RequestHash != hash, cancellationToken))
        {
            return HttpProblems.Unprocessable("Idempotency key reused",
                $"The Idempotency-Key '{idempotencyKey}' was already used with a different bulk request. Use a new key.", TicketsApi.IdempotencyKeyHeader);
        }
        var run = new BulkRun(db, plan, caller, idempotencyKey!, hash, options.Value, time);
        var results = new List<BulkItemResult>(request.Tickets!.Count);
        foreach (var reference in request.Tickets!)
        {
            results.Add(await run.ApplyAsync(reference!.Trim(), cancellationToken));
        }
        return TypedResults.Ok(new BulkResponse(
            results.Count(r => r.Outcome == "applied"), results.Count(r => r.Outcome == "failed"), results.Count(r => r.Outcome == "notFound"), results));
    }

    private static Validation Validate(BulkRequest request, string? idempotencyKey)
    {
        var validation = new Validation()
            .When(string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > TicketLimits.IdempotencyKeyMaxLength || idempotencyKey.Any(c => c < 0x21 || c > 0x7e),
                TicketsApi.IdempotencyKeyHeader, $"Bulk operations need an Idempotency-Key header of 1–{TicketLimits.IdempotencyKeyMaxLength} visible ASCII characters.")
            .When(request.Tickets is not { Count: > 0 }, "tickets", "Give the tickets (ids or numbers) to change.")
            .When(request.Tickets is { Count: > BulkRequest.MaxTickets }, "tickets", $"At most {BulkRequest.MaxTickets} tickets per bulk operation.")
            .When((request.Actions is { Count: > 0 }) == !string.IsNullOrWhiteSpace(request.Macro), "actions", "Give either actions or a macro.");
        if (request.Tickets is { Count: > 0 and <= BulkRequest.MaxTickets } tickets)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < tickets.Count; i++)
            {
                var reference = tickets[i]?.Trim();
                validation
                    .When(string.IsNullOrEmpty(reference) || reference.Length > 60, $"tickets[{i}]", "A ticket id or number is required.")
                    .When(!string.IsNullOrEmpty(reference) && !seen.Add(reference), $"tickets[{i}]", $"'{reference}' is given twice.");
            }
        }
        return validation;
    }

    private static string Hash(BulkRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request with { Macro = request.Macro?.Trim().ToLowerInvariant() }))));
}
