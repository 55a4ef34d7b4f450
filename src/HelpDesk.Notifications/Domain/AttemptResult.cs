namespace HelpDesk.Notifications.Domain;

/// <summary>What one attempt gave. <paramref name="Permanent"/> failures dead-letter at once (nothing to retry).</summary>
public sealed record AttemptResult(bool Success, int? StatusCode = null, string? Error = null, bool Permanent = false)
{
    public static readonly AttemptResult Ok = new(true);

    public static AttemptResult Failed(string error, int? statusCode = null) => new(false, statusCode, error);
}
