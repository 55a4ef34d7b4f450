namespace HelpDesk.Messaging;

/// <summary>
/// Redelivery of a failing message inside its consumer (HelpDesk:Messaging:Retry): exponential back-off, then the
/// message moves to the endpoint's _error queue. Defaults: 6 retries from 100 ms up to 15 s.
/// </summary>
public sealed class RetrySettings
{
    public int Limit { get; set; } = 6;

    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromMilliseconds(400);
}
