using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using HelpDesk.ServiceDefaults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Intake.Tickets;

/// <summary>Identifies a client's retry: who sent it, the key and the hash of the (normalised) request.</summary>
public sealed record IdempotencyClaim(string ClientId, string Key, string RequestHash)
{
    public static IdempotencyClaim For(string clientId, string key, TicketDraft draft, JsonSerializerOptions json)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(draft, json);
        return new IdempotencyClaim(clientId, key, Convert.ToHexStringLower(SHA256.HashData(canonical)));
    }
}

public enum SubmissionOutcome { Created, Replayed, KeyReusedWithDifferentRequest }

public sealed record SubmissionResult(SubmissionOutcome Outcome, TicketResponse? Ticket);

/// <summary>
/// Creates tickets for every channel (HTTP, e-mail): number, priority, the ticket row, its TicketSubmitted
/// event and the idempotency record commit in one transaction, or not at all.
/// </summary>
public sealed class TicketSubmissions(
    IntakeDbContext db, SqliteWriteGate writeGate, IOptions<IntakeOptions> options, IOptions<JsonOptions> json, TimeProvider time, ILogger<TicketSubmissions> logger)
{
    private static readonly Counter<long> Submitted = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.intake.tickets_submitted", description: "Tickets created, by channel");
    private static readonly Counter<long> Replays = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.intake.idempotent_replays", description: "Submissions answered from an earlier request with the same Idempotency-Key");

    public JsonSerializerOptions JsonOptions => json.Value.SerializerOptions;

    /// <summary>The answer stored for an earlier request with the same key, if it is still within the idempotency window.</summary>
    public async Task<SubmissionResult?> FindEarlierAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ClientId == claim.ClientId && r.Key == claim.Key, cancellationToken);
        if (record is null)
        {
            return null;
        }
        if (record.ExpiresAt <= now)
        {
            // An expired key is forgotten: the next request with it is new.
            await db.IdempotencyRecords.Where(r => r.ClientId == claim.ClientId && r.Key == claim.Key && r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
            return null;
        }
        if (!string.Equals(record.RequestHash, claim.RequestHash, StringComparison.Ordinal))
        {
            return new SubmissionResult(SubmissionOutcome.KeyReusedWithDifferentRequest, null);
        }
        Replays.Add(1);
        return new SubmissionResult(SubmissionOutcome.Replayed, JsonSerializer.Deserialize<TicketResponse>(record.ResponseBody, JsonOptions));
    }

    /// <summary>
    /// Creates the ticket. <paramref name="alsoInTransaction"/> adds rows that must commit with it (e.g. the
    /// processed e-mail). With a claim, a concurrent request that committed the same key first wins and its
    /// answer is returned instead (the unique key on (client, key) decides).
    /// </summary>
    public async Task<SubmissionResult> SubmitAsync(
        TicketDraft draft, string submittedBy, IdempotencyClaim? claim, CancellationToken cancellationToken, Action<Ticket>? alsoInTransaction = null)
    {
        if (claim is not null && await FindEarlierAsync(claim, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        using var activity = HelpDeskTelemetry.ActivitySource.StartActivity("intake.submit-ticket");
        var settings = options.Value;
        var strategy = db.Database.CreateExecutionStrategy();
        using var writing = await writeGate.EnterAsync(db, cancellationToken);
        try
        {
            var ticket = await strategy.ExecuteAsync<Ticket?>(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var now = time.GetUtcNow();
                if (claim is not null && await db.IdempotencyRecords.AnyAsync(r => r.ClientId == claim.ClientId && r.Key == claim.Key && r.ExpiresAt > now, ct))
                {
                    // A retry that arrived while the first request was committing; answered below from the stored record.
                    return null;
                }
                var number = new TicketNumberAllocation { AllocatedAt = now };
                db.TicketNumbers.Add(number);
                await db.SaveChangesAsync(ct);

                var ticket = new Ticket
                {
                    Id = Guid.CreateVersion7(now),
                    Sequence = number.Value,
                    Number = settings.FormatNumber(number.Value),
                    Type = draft.Type,
                    Channel = draft.Channel,
                    Status = TicketStatus.New,
                    Impact = draft.Impact,
                    Urgency = draft.Urgency,
                    Priority = settings.PriorityFor(draft.Impact, draft.Urgency),
                    RequesterEmail = draft.Requester.Email,
                    RequesterName = draft.Requester.Name,
                    RequesterOrganisation = draft.Requester.Organisation,
                    Subject = draft.Subject,
                    Description = draft.Description,
                    Language = draft.Language,
                    Tags = [.. draft.Tags],
                    Attachments = [.. draft.Attachments],
                    CatalogItem = draft.CatalogItem,
                    Portal = draft.Portal,
                    SubmittedBy = submittedBy,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Version = 1,
                };
                db.Tickets.Add(ticket);
                db.PublishEvent(new TicketSubmitted(
                    ticket.Id, ticket.Number, ticket.Type, ticket.Channel, ticket.Priority, draft.Requester,
                    ticket.Subject, ticket.Description, ticket.Tags, ticket.Language, now,
                    ticket.Impact, ticket.Urgency, ticket.CatalogItem, ticket.Portal), ticket.Id);
                if (claim is not null)
                {
                    db.IdempotencyRecords.Add(new IdempotencyRecord
                    {
                        ClientId = claim.ClientId,
                        Key = claim.Key,
                        RequestHash = claim.RequestHash,
                        TicketId = ticket.Id,
                        StatusCode = StatusCodes.Status201Created,
                        ResponseBody = JsonSerializer.Serialize(TicketResponse.From(ticket), JsonOptions),
                        CreatedAt = now,
                        ExpiresAt = now + settings.IdempotencyWindow,
                    });
                }
                alsoInTransaction?.Invoke(ticket);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return ticket;
            }, cancellationToken);
            if (ticket is null)
            {
                return await FindEarlierAsync(claim!, cancellationToken)
                    ?? throw new InvalidOperationException($"Idempotency key '{claim!.Key}' was taken but no earlier request was found.");
            }

            activity?.SetTag(HelpDeskTelemetry.TicketIdTag, ticket.Id);
            Submitted.Add(1, new KeyValuePair<string, object?>("channel", ticket.Channel.ToString()));
            logger.LogInformation("Ticket {TicketNumber} ({TicketId}) submitted via {Channel} by {Client}", ticket.Number, ticket.Id, ticket.Channel, submittedBy);
            return new SubmissionResult(SubmissionOutcome.Created, TicketResponse.From(ticket));
        }
        catch (DbUpdateException) when (claim is not null)
        {
            // Another request with the same key committed between our look-up and our insert.
            db.ChangeTracker.Clear();
            return await FindEarlierAsync(claim, CancellationToken.None)
                ?? throw new InvalidOperationException($"Idempotency key '{claim.Key}' conflicted but no earlier request was found.");
        }
    }
}
