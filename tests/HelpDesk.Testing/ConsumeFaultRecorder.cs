using System.Collections.Concurrent;
using MassTransit;

namespace HelpDesk.Testing;

/// <summary>
/// Counts the messages a host's bus gave up on (they go to the endpoint's <c>_error</c> queue), by message type and
/// exception (first line of its message): MassTransit's retry holds a failed attempt's fault back until it stops
/// retrying, so a message that succeeds on a later attempt is not counted. Says whether a consumer that never answered
/// had failed for good, and with what.
/// Connect with <see cref="ConnectTo"/>; dispose the handle to disconnect.
/// </summary>
public sealed class ConsumeFaultRecorder : IConsumeObserver
{
    private readonly ConcurrentDictionary<string, int> _faults = new();

    public static (ConsumeFaultRecorder Recorder, ConnectHandle Handle) ConnectTo(IBus bus)
    {
        var recorder = new ConsumeFaultRecorder();
        return (recorder, bus.ConnectConsumeObserver(recorder));
    }

    public int Total => _faults.Values.Sum();

    /// <summary>"N × MessageType: ExceptionType: message" lines, most frequent first, or "none".</summary>
    public string Report() => _faults.IsEmpty
        ? "messages given up on: none"
        : "messages given up on:" + Environment.NewLine + string.Join(Environment.NewLine,
            _faults.OrderByDescending(f => f.Value).Select(f => $"  {f.Value} × {f.Key}"));

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        var root = exception.GetBaseException();
        var line = root.Message.Split('\n', 2)[0].Trim();
        var key = $"{typeof(T).Name}: {exception.GetType().Name} / {root.GetType().Name}: {(line.Length > 160 ? line[..160] : line)}";
        _faults.AddOrUpdate(key, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
