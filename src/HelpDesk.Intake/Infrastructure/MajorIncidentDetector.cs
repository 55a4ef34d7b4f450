using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// Storm detection, run for each incident once routing has put it in a queue and category, inside the same
/// transaction. A new similar incident joins the open group of its queue and category; otherwise, once N similar
/// ones arrived within the window, a candidate is raised (one <see cref="MajorIncidentCandidateRaised"/>, so the queue
/// hears once) and all of them are linked. Arrivals of one queue and category decide one at a time (a transaction lock
/// on PostgreSQL; SQLite's writers are serialised); should two still race to raise the same candidate, they collide on
/// the unique (queue, category, signature, closed key) index and the loser's message is retried into the winner's group. Joining
/// writes the ticket, and the group's row at most once a second, so a storm's arrivals do not all contend for one row.
/// </summary>
public sealed class MajorIncidentDetector(IOptions<MajorIncidentOptions> options, RecentTicketFingerprints fingerprints, TimeProvider time, ILogger<MajorIncidentDetector> logger)
{
    public async Task ObserveAsync(IntakeDbContext db, Ticket ticket, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || ticket.Type != TicketType.Incident || ticket.Queue is not { } queue || ticket.Category is not { } category || ticket.MajorIncidentId is not null)
        {
            return;
        }
        // One arrival of a queue and category at a time decides (PostgreSQL): two arrivals committing side by side
        // each saw the other as not yet routed and fewer than N alike, so neither linked it (a storm of 12 ended with 11
        // linked on PostgreSQL, BulkAndStormTests). After the wait, this one sees what the previous one committed.
        await TransactionLock.AcquireAsync(db, $"intake-storm:{queue}:{category}", shared: false, cancellationToken);
        var signature = TextSimilarity.Signature(ticket.Subject, ticket.Description);
        var since = ticket.CreatedAt - settings.Window;
        var now = time.GetUtcNow();
        var open = await StormQueries.OpenGroupsAsync(db, queue, category, since, cancellationToken);
        if (open.FirstOrDefault(m => TextSimilarity.Similarity(m.Signature, signature) >= settings.Similarity) is { } group)
        {
            Join(db, group, ticket, now);
            return;
        }
        var similar = await SimilarRecentAsync(db, ticket, queue, category, since, settings, cancellationToken);
        if (similar.Count + 1 < settings.Threshold)
        {
            return;
        }
        await RaiseAsync(db, ticket, queue, category, signature, similar, now, cancellationToken);
    }

    /// <summary>
    /// The recent unlinked incidents of the queue and category whose texts are alike enough. Only their ids are read
    /// here; texts are read and fingerprinted once per ticket (<see cref="RecentTicketFingerprints"/>), so an arrival
    /// costs a merge per recent ticket, not a tokenised text.
    /// </summary>
    private async Task<List<Guid>> SimilarRecentAsync(
        IntakeDbContext db, Ticket ticket, string queue, string category, DateTimeOffset since, MajorIncidentOptions settings, CancellationToken cancellationToken)
    {
        var arrival = TextSimilarity.Fingerprint(ticket.Subject, ticket.Description);
        fingerprints.Remember(ticket.Id, arrival);
        var recent = await StormQueries.RecentUnlinkedAsync(db, queue, category, since, ticket.Id, settings.MaxCompared, cancellationToken);
        var known = await fingerprints.OfAsync(db, recent, cancellationToken);
        return [.. recent.Where(id => known.TryGetValue(id, out var other)
            && TextSimilarity.CanReach(arrival.Length, other.Length, settings.Similarity)
            && TextSimilarity.Similarity(arrival, other) >= settings.Similarity)];
    }

    private async Task RaiseAsync(IntakeDbContext db, Ticket ticket, string queue, string category, string signature, List<Guid> similar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var members = await db.Tickets.Where(t => similar.Contains(t.Id)).ToListAsync(cancellationToken);
        members.Add(ticket);
        var group = new MajorIncident
        {
            Id = Guid.CreateVersion7(now),
            Queue = queue,
            Category = category,
            Signature = signature,
            Subject = ticket.Subject,
            FirstSeenAt = members.Min(t => t.CreatedAt),
            RaisedAt = now,
        };
        group.Joined(now);
        db.MajorIncidents.Add(group);
        foreach (var member in members)
        {
            Join(db, group, member, now);
        }
        db.PublishEvent(new MajorIncidentCandidateRaised(group.Id, queue, category, signature, [.. members.Select(t => t.Id).Take(100)], members.Count, group.FirstSeenAt, now));
        logger.LogWarning("Major incident candidate {MajorIncidentId} raised in {Queue}/{Category}: {Count} similar incidents within the window", group.Id, queue, category, members.Count);
    }

    private static void Join(IntakeDbContext db, MajorIncident group, Ticket ticket, DateTimeOffset now)
    {
        var result = ticket.JoinMajorIncident(group.Id, now);
        if (result.Changes.Count == 0)
        {
            return;
        }
        group.Joined(now);
        db.Record(ticket, result, TicketActor.Service("storm-detection"), now);
    }
}
