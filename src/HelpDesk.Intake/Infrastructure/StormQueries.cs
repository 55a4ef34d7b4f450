using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// The two reads storm detection makes for every routed incident (<see cref="MajorIncidentDetector"/>), compiled once
/// per model (<see cref="PerModel{TQuery}"/>): the LINQ forms built their cache keys from the expression tree per ticket.
/// </summary>
public static class StormQueries
{
    private static readonly PerModel<Func<IntakeDbContext, string, string, DateTimeOffset, IAsyncEnumerable<MajorIncident>>> OpenGroups =
        new(() => EF.CompileAsyncQuery((IntakeDbContext db, string queue, string category, DateTimeOffset since) =>
            db.MajorIncidents.Where(m => m.Queue == queue && m.Category == category && m.ClosedKey == Guid.Empty && m.LastLinkedAt >= since)));

    private static readonly PerModel<Func<IntakeDbContext, string, string, DateTimeOffset, Guid, int, IAsyncEnumerable<Guid>>> RecentUnlinked =
        new(() => EF.CompileAsyncQuery((IntakeDbContext db, string queue, string category, DateTimeOffset since, Guid except, int max) =>
            db.Tickets.AsNoTracking()
                .Where(t => t.Type == TicketType.Incident && t.Queue == queue && t.Category == category && t.MajorIncidentId == null && t.CreatedAt >= since && t.Id != except)
                .OrderByDescending(t => t.CreatedAt).Take(max)
                .Select(t => t.Id)));

    /// <summary>The open groups of a queue and category linked to since <paramref name="since"/>, tracked (joining updates one).</summary>
    public static Task<List<MajorIncident>> OpenGroupsAsync(IntakeDbContext db, string queue, string category, DateTimeOffset since, CancellationToken cancellationToken) =>
        OpenGroups.For(db)(db, queue, category, since).ToListAsync(cancellationToken).AsTask();

    /// <summary>
    /// The ids of the newest <paramref name="max"/> unlinked incidents of a queue and category since
    /// <paramref name="since"/>, but <paramref name="except"/>; newest by creation time, the covering index's order, so
    /// the read walks index entries and stops at <paramref name="max"/> without a sort.
    /// </summary>
    public static Task<List<Guid>> RecentUnlinkedAsync(
        IntakeDbContext db, string queue, string category, DateTimeOffset since, Guid except, int max, CancellationToken cancellationToken) =>
        RecentUnlinked.For(db)(db, queue, category, since, except, max).ToListAsync(cancellationToken).AsTask();
}
