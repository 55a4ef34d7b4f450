namespace HelpDesk.AppHost.Hosting;

/// <summary>
/// Every resource's console output from its first line. DCP streams a process's console to the AppHost only while
/// someone subscribes to it, under its DCP instance name (e.g. "gateway-x7k2…", which a restart keeps), so a
/// subscription by the model's name, or one made after the process died, sees nothing. This follows each instance as
/// soon as it is announced.
/// </summary>
public static class ResourceConsole
{
    /// <summary>Calls <paramref name="onLines"/> with the model resource's name and each batch of lines, until cancelled.</summary>
    public static async Task FollowAllAsync(
        ResourceNotificationService notifications, ResourceLoggerService logs,
        Func<string, IReadOnlyList<LogLine>, Task> onLines, CancellationToken cancellationToken)
    {
        var followed = new HashSet<string>(StringComparer.Ordinal);
        var followers = new List<Task>();
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken))
            {
                if (followed.Add(update.ResourceId))
                {
                    followers.Add(FollowAsync(logs, update.ResourceId, update.Resource.Name, onLines, cancellationToken));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        await Task.WhenAll(followers);
    }

    private static async Task FollowAsync(
        ResourceLoggerService logs, string instance, string resource, Func<string, IReadOnlyList<LogLine>, Task> onLines, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var batch in logs.WatchAsync(instance).WithCancellation(cancellationToken))
            {
                await onLines(resource, batch);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
