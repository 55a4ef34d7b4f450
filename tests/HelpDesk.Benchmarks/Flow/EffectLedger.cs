using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HelpDesk.Benchmarks.Flow;

/// <summary>
/// When each ticket's effects committed, read back from the services' own outbox and inbox tables after the run:
/// an inbox row is written in the same transaction as the consumer's effect, and an outbox row records when its event
/// was written (CreatedAt) and published (DispatchedAt). Reading once at the end costs the platform nothing while it
/// runs, and gives every hop of a ticket, not just the ends.
/// </summary>
public sealed class EffectLedger
{
    private const string Submitted = "HelpDesk.Contracts.TicketSubmitted, %";
    private const string Routed = "HelpDesk.Contracts.TicketRouted, %";

    /// <summary>Per ticket id: the hops in UTC ticks (0 where not seen).</summary>
    public Dictionary<Guid, TicketHops> Tickets { get; } = [];

    /// <summary>How many TicketSubmitted outbox rows each ticket has (one, unless submission duplicated an event).</summary>
    public List<int> SubmittedRowsPerTicket { get; } = [];

    /// <summary>How many TicketRouted outbox rows each routed ticket has (one, unless routing handled a ticket twice).</summary>
    public List<int> RoutedRowsPerTicket { get; } = [];

    public static async Task<EffectLedger> ReadAsync(Func<string, string> connectionOf, bool postgres, CancellationToken cancellationToken)
    {
        var ledger = new EffectLedger();
        var submitted = await ReadOutboxAsync(connectionOf("intakedb"), postgres, Submitted, cancellationToken);
        var routed = await ReadOutboxAsync(connectionOf("routingdb"), postgres, Routed, cancellationToken);
        var routingInbox = await ReadInboxAsync(connectionOf("routingdb"), postgres, "RouteSubmittedTicket", cancellationToken);
        var intakeInbox = await ReadInboxAsync(connectionOf("intakedb"), postgres, "RecordRoutingOnTicket", cancellationToken);
        var slaInbox = await ReadInboxAsync(connectionOf("sladb"), postgres, "StartSlaClocks", cancellationToken);
        var notifyInbox = await ReadInboxAsync(connectionOf("notificationsdb"), postgres, "NotifyTicketSubmitted", cancellationToken);
        var mailed = await ReadMailedAsync(connectionOf("notificationsdb"), postgres, cancellationToken);
        var routedByTicket = routed.GroupBy(r => r.TicketId).ToDictionary(g => g.Key, g => g.First());
        ledger.SubmittedRowsPerTicket.AddRange(submitted.GroupBy(r => r.TicketId).Select(g => g.Count()));
        ledger.RoutedRowsPerTicket.AddRange(routed.GroupBy(r => r.TicketId).Select(g => g.Count()));
        foreach (var row in submitted)
        {
            var hops = new TicketHops
            {
                SubmittedWritten = row.CreatedAt,
                SubmittedPublished = row.DispatchedAt,
                RoutingConsumed = routingInbox.GetValueOrDefault(row.MessageId),
                SlaStarted = slaInbox.GetValueOrDefault(row.MessageId),
                Notified = notifyInbox.GetValueOrDefault(row.MessageId),
                Mailed = mailed.GetValueOrDefault(row.MessageId),
            };
            if (routedByTicket.TryGetValue(row.TicketId, out var route))
            {
                hops.RoutedWritten = route.CreatedAt;
                hops.RoutedPublished = route.DispatchedAt;
                hops.RoutedOnTicket = intakeInbox.GetValueOrDefault(route.MessageId);
            }
            ledger.Tickets[row.TicketId] = hops;
        }
        return ledger;
    }

    private static async Task<List<OutboxRow>> ReadOutboxAsync(string connection, bool postgres, string typePattern, CancellationToken cancellationToken)
    {
        await using var db = Open(connection, postgres);
        await db.OpenAsync(cancellationToken);
        await using var command = db.CreateCommand();
        command.CommandText = """SELECT "MessageId", "TicketId", "CreatedAt", "DispatchedAt", "Body" FROM outbox_messages WHERE "MessageType" LIKE @type""";
        AddParameter(command, "type", typePattern);
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ticket = reader.IsDBNull(1) ? TicketIdFromBody(reader.GetString(4)) : reader.GetGuid(1);
            rows.Add(new OutboxRow(reader.GetGuid(0), ticket, Ticks(reader, 2, postgres), reader.IsDBNull(3) ? 0 : Ticks(reader, 3, postgres)));
        }
        return rows;
    }

    private static async Task<Dictionary<Guid, long>> ReadInboxAsync(string connection, bool postgres, string consumer, CancellationToken cancellationToken)
    {
        await using var db = Open(connection, postgres);
        await db.OpenAsync(cancellationToken);
        await using var command = db.CreateCommand();
        command.CommandText = """SELECT "MessageId", "ProcessedAt" FROM inbox_messages WHERE "Consumer" = @consumer""";
        AddParameter(command, "consumer", consumer);
        var rows = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetGuid(0)] = Ticks(reader, 1, postgres);
        }
        return rows;
    }

    /// <summary>When the requester's ticket.submitted mail was handed over (delivered), by TicketSubmitted message id.</summary>
    private static async Task<Dictionary<Guid, long>> ReadMailedAsync(string connection, bool postgres, CancellationToken cancellationToken)
    {
        await using var db = Open(connection, postgres);
        await db.OpenAsync(cancellationToken);
        await using var command = db.CreateCommand();
        command.CommandText = """SELECT "EventMessageId", "DeliveredAt" FROM notifications_deliveries WHERE "EventType" = 'ticket.submitted' AND "DeliveredAt" IS NOT NULL""";
        var rows = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetGuid(0)] = Ticks(reader, 1, postgres);
        }
        return rows;
    }

    internal static DbConnection Open(string connection, bool postgres) =>
        postgres ? new NpgsqlConnection(connection) : new SqliteConnection(connection);

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // SQLite keeps DateTimeOffset as UTC ticks (ServiceDbContext's converter); PostgreSQL as timestamptz.
    private static long Ticks(DbDataReader reader, int ordinal, bool postgres) =>
        postgres ? reader.GetFieldValue<DateTimeOffset>(ordinal).UtcTicks : reader.GetInt64(ordinal);

    private static Guid TicketIdFromBody(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("ticketId").GetGuid();
    }

    private sealed record OutboxRow(Guid MessageId, Guid TicketId, long CreatedAt, long DispatchedAt);
}
