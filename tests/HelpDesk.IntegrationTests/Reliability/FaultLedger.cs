using HelpDesk.Contracts;
using HelpDesk.Intake.Infrastructure;
using HelpDesk.KnowledgeBase.Infrastructure;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Sla.Infrastructure;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Reliability;

/// <summary>
/// What the services' own databases hold about one fault-suite run, read row by row and counted: tickets by subject,
/// TicketSubmitted outbox rows per ticket, each consumer's inbox, SLA clocks per (ticket, metric), notification
/// deliveries per (event, recipient, channel) and their attempts. No check relies on a unique index having refused a
/// duplicate — each counts what is there — so a duplicate that got past the code is reported even with an index gone
/// (<see cref="MutationAsync"/> shows that).
/// </summary>
public sealed partial class FaultLedger(Func<string, string> connectionString)
{
    public const string SubmittedEvent = "ticket.submitted";

    /// <summary>The inbox consumer names of TicketSubmitted, by database.</summary>
    private static readonly (string Database, string Consumer)[] SubmittedConsumers =
    [
        ("routingdb", "RouteSubmittedTicket"),
        ("sladb", "StartSlaClocks"),
        ("notificationsdb", "NotifyTicketSubmitted"),
        ("kbdb", "SuggestArticlesForTicket"),
    ];

    /// <summary>Every discrepancy between the acknowledged tickets (subject → id) and the databases, and the counts seen.</summary>
    public async Task<FaultLedgerReport> ReadAsync(IReadOnlyDictionary<string, Guid> acknowledged, string subjectPrefix, CancellationToken cancellationToken)
    {
        var report = new FaultLedgerReport();
        var messageIds = await CheckTicketsAndOutboxAsync(report, acknowledged, subjectPrefix, cancellationToken);
        await CheckInboxesAsync(report, messageIds, cancellationToken);
        await CheckSlaClocksAsync(report, acknowledged, cancellationToken);
        await CheckDeliveriesAsync(report, acknowledged, cancellationToken);
        return report;
    }

    /// <summary>
    /// Waits until every acknowledged ticket's TicketSubmitted (intake) and TicketAssigned (routing) outbox row is
    /// marked dispatched. A row can be published and consumed but not yet marked (its process was killed between the
    /// broker's confirm and the mark): it stays claimed until its claim runs out (30 s), then a surviving replica
    /// publishes it again (the inboxes drop the copy) and marks it.
    /// </summary>
    public async Task WaitForOutboxSettledAsync(IReadOnlyDictionary<string, Guid> acknowledged, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ids = acknowledged.Values.ToList();
        await Eventually.TrueAsync(async () =>
        {
            await using var intake = Open<IntakeDbContext>("intakedb");
            await using var routing = Open<RoutingDbContext>("routingdb");
            return !await SubmittedRows(intake, ids).AnyAsync(m => m.DispatchedAt == null, cancellationToken)
                && !await AssignedRows(routing).AnyAsync(m => ids.Contains(m.TicketId!.Value) && m.DispatchedAt == null, cancellationToken);
        }, timeout, "every TicketSubmitted and TicketAssigned outbox row to be marked dispatched");
    }

    /// <summary>Tickets of the run by subject (each acknowledged one exactly once, with its id; none other) and one dispatched TicketSubmitted each.</summary>
    private async Task<Dictionary<Guid, Guid>> CheckTicketsAndOutboxAsync(
        FaultLedgerReport report, IReadOnlyDictionary<string, Guid> acknowledged, string subjectPrefix, CancellationToken cancellationToken)
    {
        await using var intake = Open<IntakeDbContext>("intakedb");
        var tickets = await intake.Tickets.AsNoTracking().Where(t => t.Subject.StartsWith(subjectPrefix))
            .Select(t => new { t.Id, t.Subject }).ToListAsync(cancellationToken);
        report.Count("tickets stored", tickets.Count);
        var bySubject = tickets.GroupBy(t => t.Subject, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(t => t.Id).ToList(), StringComparer.Ordinal);
        foreach (var (subject, id) in acknowledged)
        {
            var stored = bySubject.GetValueOrDefault(subject) ?? [];
            report.Require(stored.Count == 1, $"acknowledged {subject} ({id}) is stored {stored.Count} times");
            report.Require(stored.Count == 0 || stored.Contains(id), $"acknowledged {subject} is stored under {string.Join(", ", stored)}, not {id}");
        }
        foreach (var subject in bySubject.Keys.Where(s => !acknowledged.ContainsKey(s)))
        {
            report.Fail($"{subject} is stored but was never acknowledged");
        }

        var ids = tickets.Select(t => t.Id).ToList();
        var rows = await SubmittedRows(intake, ids)
            .Select(m => new { m.MessageId, TicketId = m.TicketId!.Value, m.DispatchedAt }).ToListAsync(cancellationToken);
        report.Count("TicketSubmitted outbox rows", rows.Count);
        report.Count("TicketSubmitted dispatched", rows.Count(r => r.DispatchedAt != null));
        foreach (var ticket in rows.GroupBy(r => r.TicketId).Where(g => g.Count() != 1))
        {
            report.Fail($"ticket {ticket.Key} has {ticket.Count()} TicketSubmitted outbox rows");
        }
        foreach (var id in ids.Except(rows.Select(r => r.TicketId)))
        {
            report.Fail($"ticket {id} has no TicketSubmitted in intake's outbox");
        }
        foreach (var row in rows.Where(r => r.DispatchedAt is null))
        {
            report.Fail($"TicketSubmitted {row.MessageId} of ticket {row.TicketId} was never published");
        }
        return rows.GroupBy(r => r.MessageId).ToDictionary(g => g.Key, g => g.First().TicketId);
    }

    /// <summary>Intake's TicketSubmitted outbox rows of the given tickets.</summary>
    private static IQueryable<OutboxMessage> SubmittedRows(IntakeDbContext intake, List<Guid> ids)
    {
        var type = typeof(TicketSubmitted).FullName + ",";
        return intake.OutboxMessages.AsNoTracking().Where(m => m.TicketId != null && ids.Contains(m.TicketId.Value) && m.MessageType.StartsWith(type));
    }

    /// <summary>Every TicketSubmitted in the inbox of each of its five consumers, once.</summary>
    private async Task CheckInboxesAsync(FaultLedgerReport report, Dictionary<Guid, Guid> messageIds, CancellationToken cancellationToken)
    {
        var ids = messageIds.Keys.ToList();
        foreach (var (database, consumer) in SubmittedConsumers)
        {
            await using var db = OpenService(database);
            var handled = await db.InboxMessages.AsNoTracking().Where(m => m.Consumer == consumer && ids.Contains(m.MessageId))
                .Select(m => m.MessageId).ToListAsync(cancellationToken);
            report.Count($"inbox {consumer}", handled.Count);
            foreach (var twice in handled.GroupBy(m => m).Where(g => g.Count() > 1))
            {
                report.Fail($"{consumer} recorded TicketSubmitted {twice.Key} {twice.Count()} times");
            }
            foreach (var missing in ids.Except(handled))
            {
                report.Fail($"{consumer} never handled TicketSubmitted {missing} (ticket {messageIds[missing]})");
            }
        }
    }

    /// <summary>At least one SLA clock per ticket and never two for one (ticket, metric).</summary>
    private async Task CheckSlaClocksAsync(FaultLedgerReport report, IReadOnlyDictionary<string, Guid> acknowledged, CancellationToken cancellationToken)
    {
        await using var sla = Open<SlaDbContext>("sladb");
        var ids = acknowledged.Values.ToList();
        var clocks = await sla.Clocks.AsNoTracking().Where(c => ids.Contains(c.TicketId)).Select(c => new { c.TicketId, c.Metric }).ToListAsync(cancellationToken);
        report.Count("SLA clocks", clocks.Count);
        foreach (var twice in clocks.GroupBy(c => (c.TicketId, c.Metric)).Where(g => g.Count() > 1))
        {
            report.Fail($"ticket {twice.Key.TicketId} has {twice.Count()} {twice.Key.Metric} clocks");
        }
        foreach (var id in ids.Except(clocks.Select(c => c.TicketId)))
        {
            report.Fail($"ticket {id} has no SLA clock");
        }
    }

    /// <summary>
    /// The submission notification of every ticket; never two deliveries for one (event, recipient, channel); every
    /// delivery marked Delivered has a successful attempt recorded.
    /// </summary>
    private async Task CheckDeliveriesAsync(FaultLedgerReport report, IReadOnlyDictionary<string, Guid> acknowledged, CancellationToken cancellationToken)
    {
        await using var notifications = Open<NotificationsDbContext>("notificationsdb");
        var ids = acknowledged.Values.ToList();
        var deliveries = await notifications.Deliveries.AsNoTracking().Where(d => d.TicketId != null && ids.Contains(d.TicketId.Value))
            .Select(d => new { d.Id, TicketId = d.TicketId!.Value, d.EventMessageId, d.EventType, d.Recipient, d.Channel, d.Status })
            .ToListAsync(cancellationToken);
        var deliveryIds = deliveries.Select(d => d.Id).ToList();
        var attempts = await notifications.DeliveryAttempts.AsNoTracking().Where(a => deliveryIds.Contains(a.DeliveryId))
            .Select(a => new { a.DeliveryId, a.Outcome }).ToListAsync(cancellationToken);
        report.Count("deliveries", deliveries.Count);
        report.Count("deliveries delivered", deliveries.Count(d => d.Status == DeliveryStatus.Delivered));
        report.Count("delivery attempts", attempts.Count);
        foreach (var twice in deliveries.GroupBy(d => (d.EventMessageId, d.Recipient, d.Channel)).Where(g => g.Count() > 1))
        {
            report.Fail($"{twice.First().EventType} {twice.Key.EventMessageId} → {twice.Key.Recipient} ({twice.Key.Channel}) recorded {twice.Count()} times");
        }
        foreach (var id in ids.Except(deliveries.Where(d => d.EventType == SubmittedEvent).Select(d => d.TicketId)))
        {
            report.Fail($"ticket {id} has no submission notification");
        }
        var attemptsByDelivery = attempts.ToLookup(a => a.DeliveryId);
        foreach (var delivery in deliveries.Where(d => d.Status == DeliveryStatus.Delivered))
        {
            report.Require(attemptsByDelivery[delivery.Id].Any(a => a.Outcome == AttemptOutcome.Succeeded),
                $"delivery {delivery.Id} is Delivered without a successful attempt");
        }
        // Sends are at least once (a worker that dies after the receiver took it sends again): counted, not failed.
        report.Count("deliveries sent more than once", deliveries.Count(d => attemptsByDelivery[d.Id].Count(a => a.Outcome == AttemptOutcome.Succeeded) > 1));
    }

    /// <summary>
    /// The mutation check: drops the unique index that guards one (ticket, metric) SLA clock and one delivery per
    /// (event, recipient, channel), writes the duplicate a bug would write (a copy of an existing row) and the stored
    /// copy of an acknowledged ticket, and returns what the ledger reports then. With the indexes in place the same
    /// copies are refused, so a suite that trusted the indexes could not tell.
    /// </summary>
    public async Task<(string Clock, string Delivery, string Ticket)> MutationAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        await using var sla = Open<SlaDbContext>("sladb");
        var clocks = sla.Model.FindEntityType(typeof(HelpDesk.Sla.Domain.SlaClock))!;
        await DropUniqueIndexesAsync(sla, clocks.GetTableName()!, cancellationToken);
        var clock = await DuplicateRowAsync(sla, clocks.GetTableName()!, "Id", $"\"TicketId\" = '{ticketId}'", identity: true, cancellationToken);

        await using var notifications = Open<NotificationsDbContext>("notificationsdb");
        var deliveries = notifications.Model.FindEntityType(typeof(Delivery))!;
        await DropUniqueIndexesAsync(notifications, deliveries.GetTableName()!, cancellationToken);
        var delivery = await DuplicateRowAsync(notifications, deliveries.GetTableName()!, "Id", $"\"TicketId\" = '{ticketId}' AND \"EventType\" = '{SubmittedEvent}'", identity: false, cancellationToken);

        await using var intake = Open<IntakeDbContext>("intakedb");
        var tickets = intake.Model.FindEntityType(typeof(HelpDesk.Intake.Domain.Ticket))!;
        await DropUniqueIndexesAsync(intake, tickets.GetTableName()!, cancellationToken);
        var ticket = await DuplicateRowAsync(intake, tickets.GetTableName()!, "Id", $"\"Id\" = '{ticketId}'", identity: false, cancellationToken);
        return (clock, delivery, ticket);
    }

    /// <summary>Drops every unique index of <paramref name="table"/> that no constraint (the primary key) owns (PostgreSQL).</summary>
    private static async Task DropUniqueIndexesAsync(DbContext db, string table, CancellationToken cancellationToken)
    {
        var indexes = await db.Database.SqlQueryRaw<string>(
            "SELECT i.indexname AS \"Value\" FROM pg_indexes i WHERE i.tablename = {0} AND i.indexdef LIKE 'CREATE UNIQUE INDEX%' " +
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", table)
            .ToListAsync(cancellationToken);
        foreach (var index in indexes)
        {
#pragma warning disable EF1002 // index names come from pg_indexes, not from input
            await db.Database.ExecuteSqlRawAsync($"DROP INDEX \"{index}\"", cancellationToken);
#pragma warning restore EF1002
        }
    }

    /// <summary>Copies the first row matching <paramref name="where"/> under a new key; returns the copy's key.</summary>
    private static async Task<string> DuplicateRowAsync(DbContext db, string table, string key, string where, bool identity, CancellationToken cancellationToken)
    {
        var columns = await db.Database.SqlQueryRaw<string>(
            "SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_name = {0} ORDER BY ordinal_position", table)
            .ToListAsync(cancellationToken);
        var copied = columns.Where(c => c != key).Select(c => $"\"{c}\"").ToList();
        var into = identity ? string.Join(", ", copied) : $"\"{key}\", {string.Join(", ", copied)}";
        var select = identity ? string.Join(", ", copied) : $"gen_random_uuid(), {string.Join(", ", copied)}";
#pragma warning disable EF1002 // table and column names come from the catalogue; the filter is built by this test
        var keys = await db.Database.SqlQueryRaw<string>(
            $"INSERT INTO \"{table}\" ({into}) SELECT {select} FROM \"{table}\" WHERE {where} LIMIT 1 RETURNING \"{key}\"::text AS \"Value\"")
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return keys.Single();
    }

    private ServiceDbContext OpenService(string database) => database switch
    {
        "routingdb" => Open<RoutingDbContext>(database),
        "sladb" => Open<SlaDbContext>(database),
        "notificationsdb" => Open<NotificationsDbContext>(database),
        "kbdb" => Open<KnowledgeBaseDbContext>(database),
        "intakedb" => Open<IntakeDbContext>(database),
        _ => throw new ArgumentOutOfRangeException(nameof(database), database, null),
    };

    private TContext Open<TContext>(string database) where TContext : DbContext =>
        (TContext)Activator.CreateInstance(typeof(TContext),
            new DbContextOptionsBuilder<TContext>().UseNpgsql(connectionString(database)).Options)!;
}
