namespace HelpDesk.Messaging;

/// <summary>
/// The inner retry of every consumer, for lost write races only (<see cref="Persistence.WriteConflicts.IsConflict"/>):
/// 50 quick re-runs (10 ms growing to 1 s) on a fresh scope, inside each attempt of the outer back-off
/// (<see cref="RetrySettings"/>). Each re-run reads the state the winner committed, so it is not the same attempt again.
/// </summary>
public static class WriteConflictRetry
{
    public const int Limit = 50;

    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(10);

    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan IntervalDelta = TimeSpan.FromMilliseconds(30);
}
