using System.Collections;
using System.Globalization;

namespace HelpDesk.Messaging.Diagnostics;

/// <summary>
/// The log scope of work on one ticket: structured loggers (OpenTelemetry, hence the dashboard) get TicketNumber and
/// TicketId as attributes of every record written inside it; text loggers print "Ticket HD-000123".
/// </summary>
public sealed class TicketLogScope(Guid? ticketId, string? ticketNumber) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string TicketNumberKey = "TicketNumber";
    public const string TicketIdKey = "TicketId";

    private readonly KeyValuePair<string, object?>[] _items =
    [
        .. ticketNumber is null ? [] : new[] { new KeyValuePair<string, object?>(TicketNumberKey, ticketNumber) },
        .. ticketId is null ? [] : new[] { new KeyValuePair<string, object?>(TicketIdKey, ticketId.Value) },
    ];

    public int Count => _items.Length;

    public KeyValuePair<string, object?> this[int index] => _items[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "Ticket {0}", ticketNumber ?? ticketId?.ToString() ?? "?");
}
