using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using HelpDesk.ServiceDefaults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Intake.Api;

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
        var record = await IdempotencyQueries.FindAsync(db, claim.ClientId, claim.Key, cancellationToken);
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
        using var writing = await writeGate.EnterAsync(db, cancellationToken);
        try
        {
            var ticket = await CreateAsync(draft, submittedBy, claim, alsoInTransaction, cancellationToken);
            Record(ticket, activity);
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

    /// <summary>
    /// One transaction: number, ticket and its event, idempotency record. The key is not looked up again in here: a
    /// request with the same key that committed since <see cref="FindEarlierAsync"/> makes the insert of the record fail
    /// on its primary key, and <see cref="SubmitAsync"/> answers from that request's record.
    /// </summary>
    private Task<Ticket> CreateAsync(TicketDraft draft, string submittedBy, IdempotencyClaim? claim, Action<Ticket>? alsoInTransaction, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            // All or nothing (a failure disposes the transaction, SubmitAsync handles it outside): no savepoint around
            // each of the two SaveChanges, which on PostgreSQL cost a RELEASE round trip each.
            var savepoints = db.Database.AutoSavepointsEnabled;
            db.Database.AutoSavepointsEnabled = false;
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var now = time.GetUtcNow();
                var sequence = await AllocateNumberAsync(now, ct);
                var ticket = AddTicket(draft, sequence, submittedBy, now);
                if (claim is not null)
                {
                    RememberAnswer(claim, ticket, now);
                }
                alsoInTransaction?.Invoke(ticket);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return ticket;
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = savepoints;
            }
        }, cancellationToken);

    /// <summary>The database hands out the number (unique across requests and replicas); it is saved at once to get it.</summary>
    private async Task<long> AllocateNumberAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var number = new TicketNumberAllocation { AllocatedAt = now };
        db.TicketNumbers.Add(number);
        await db.SaveChangesAsync(cancellationToken);
        return number.Value;
    }

    private Ticket AddTicket(TicketDraft draft, long sequence, string submittedBy, DateTimeOffset now)
    {
        var settings = options.Value;
        var (ticket, result) = Ticket.Submit(
            draft, sequence, settings.FormatNumber(sequence), settings.PriorityFor(draft.Impact, draft.Urgency), submittedBy, now);
        db.Tickets.Add(ticket);
        db.Record(ticket, result, new TicketActor(submittedBy, submittedBy, ticket.Channel.ToString().ToLowerInvariant()), now);
        return ticket;
    }

    private void RememberAnswer(IdempotencyClaim claim, Ticket ticket, DateTimeOffset now) =>
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            ClientId = claim.ClientId,
            Key = claim.Key,
            RequestHash = claim.RequestHash,
            TicketId = ticket.Id,
            StatusCode = StatusCodes.Status201Created,
            ResponseBody = JsonSerializer.Serialize(TicketResponse.From(ticket), JsonOptions),
            CreatedAt = now,
            ExpiresAt = now + options.Value.IdempotencyWindow,
        });

    private void Record(Ticket ticket, Activity? activity)
    {
        activity?.SetTag(HelpDeskTelemetry.TicketIdTag, ticket.Id);
        Submitted.Add(1, new KeyValuePair<string, object?>("channel", ticket.Channel.ToString()));
        logger.LogInformation("Ticket {TicketNumber} ({TicketId}) submitted via {Channel} by {Client}", ticket.Number, ticket.Id, ticket.Channel, ticket.SubmittedBy);
    }
}
