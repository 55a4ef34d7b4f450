namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// Configuration section <c>Intake:Admission</c>: how many ticket submissions one intake process works on and queues
/// before it answers 503. Past capacity an unbounded queue makes every request wait until clients time out while the
/// server still does the work; a bounded one keeps accepted submissions fast and tells the rest to come back.
/// </summary>
public sealed class SubmissionAdmissionOptions
{
    public const string Section = "Intake:Admission";

    /// <summary>Submissions in progress at once (on SQLite they take turns at the one writer anyway).</summary>
    public int MaxConcurrent { get; set; } = 8;

    /// <summary>Submissions waiting for a turn; one more is refused at once.</summary>
    public int MaxQueued { get; set; } = 64;

    /// <summary>A queued submission that has not started within this time is refused.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The Retry-After a refused submission is given.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
