using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace HelpDesk.Testing;

/// <summary>
/// Counts helpdesk.db.write_conflicts measurements (lost write races) by operation and outcome while it lives, from any
/// host in this process. Dispose to stop listening.
/// </summary>
public sealed class WriteConflictCounter : IDisposable
{
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly MeterListener _listener;

    public WriteConflictCounter()
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "HelpDesk" && instrument.Name == "helpdesk.db.write_conflicts")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var key = string.Join(" ", tags.ToArray().Select(t => t.Value));
            _counts.AddOrUpdate(key, (int)value, (_, n) => n + (int)value);
        });
        _listener.Start();
    }

    public int Total => _counts.Values.Sum();

    public int Count(string operation, string outcome) => _counts.GetValueOrDefault($"{operation} {outcome}");

    /// <summary>"operation outcome: N" pairs, or "none".</summary>
    public string Report() => _counts.IsEmpty
        ? "write conflicts: none"
        : "write conflicts: " + string.Join(", ", _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}"));

    public void Dispose() => _listener.Dispose();
}
