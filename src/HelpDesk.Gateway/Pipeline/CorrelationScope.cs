using System.Collections;

namespace HelpDesk.Gateway.Pipeline;

/// <summary>
/// The log scope of a request, {CorrelationId}: providers read a scope's properties as a list of pairs, and this one
/// costs one small object per request rather than a dictionary.
/// </summary>
internal sealed class CorrelationScope(string correlationId) : IReadOnlyList<KeyValuePair<string, object>>
{
    public const string Name = "CorrelationId";

    public int Count => 1;

    public KeyValuePair<string, object> this[int index] =>
        index == 0 ? new(Name, correlationId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Name}:{correlationId}";
}
