using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// Storm detection's memory of tickets' text fingerprints (<see cref="TextSimilarity.Fingerprint"/>), by ticket id. A
/// ticket's subject and description never change after submission, so a fingerprint made once stays right; the
/// database still decides which tickets are recent, only the reading and tokenising of their texts is saved (each
/// arrival compares itself with up to <see cref="MajorIncidentOptions.MaxCompared"/> of them). Per process, bounded:
/// past <see cref="Capacity"/> entries it starts again and re-reads what it is asked for.
/// </summary>
public sealed class RecentTicketFingerprints
{
    public const int Capacity = 50_000;

    private readonly ConcurrentDictionary<Guid, long[]> _byTicket = new();

    public void Remember(Guid ticketId, long[] fingerprint)
    {
        if (_byTicket.Count >= Capacity)
        {
            _byTicket.Clear();
        }
        _byTicket[ticketId] = fingerprint;
    }

    /// <summary>The fingerprints of <paramref name="ticketIds"/>; texts are read (in one query) only for those not yet known.</summary>
    public async Task<Dictionary<Guid, long[]>> OfAsync(IntakeDbContext db, IReadOnlyCollection<Guid> ticketIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, long[]>(ticketIds.Count);
        var missing = new List<Guid>();
        foreach (var id in ticketIds)
        {
            if (_byTicket.TryGetValue(id, out var fingerprint))
            {
                found[id] = fingerprint;
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count == 0)
        {
            return found;
        }
        var texts = await db.Tickets.AsNoTracking()
            .Where(t => missing.Contains(t.Id))
            .Select(t => new { t.Id, t.Subject, t.Description })
            .ToListAsync(cancellationToken);
        foreach (var text in texts)
        {
            var fingerprint = TextSimilarity.Fingerprint(text.Subject, text.Description);
            Remember(text.Id, fingerprint);
            found[text.Id] = fingerprint;
        }
        return found;
    }
}
