using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using HelpDesk.Messaging.Persistence;

namespace HelpDesk.Messaging.Outbox;

public static class OutboxExtensions
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Queues an integration event in the service's outbox. It is published only if, and after, the
    /// surrounding SaveChanges commits: the state change and its event are never one without the other.
    /// </summary>
    public static OutboxMessage PublishEvent<TEvent>(this ServiceDbContext db, TEvent message, Guid? ticketId = null)
        where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        var row = new OutboxMessage
        {
            MessageId = NewId(),
            MessageType = TypeName(type),
            Body = JsonSerializer.Serialize(message, type, JsonOptions),
            CreatedAt = DateTimeOffset.UtcNow,
            TraceParent = Activity.Current?.Id,
            TicketId = ticketId,
        };
        db.OutboxMessages.Add(row);
        db.OutboxRowsQueued.Add(row);
        return row;
    }

    /// <summary>Queues every event a domain method returned, in order (see <see cref="PublishEvent{TEvent}"/>).</summary>
    public static void PublishEvents(this ServiceDbContext db, IEnumerable<object> events, Guid? ticketId = null)
    {
        foreach (var message in events)
        {
            db.PublishEvent(message, ticketId);
        }
    }

    internal static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    internal static object Deserialize(OutboxMessage row, out Type type)
    {
        type = Type.GetType(row.MessageType, throwOnError: true)!;
        return JsonSerializer.Deserialize(row.Body, type, JsonOptions)
            ?? throw new InvalidOperationException($"Outbox row {row.Sequence} has an empty body.");
    }

    // Time-ordered ids keep the unique index on MessageId append-mostly.
    private static Guid NewId() => Guid.CreateVersion7();
}
