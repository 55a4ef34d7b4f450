namespace HelpDesk.AppHost;

public static class DistributedHost
{
    public static Task<int> RunAsync(AppHostOptions options, CancellationToken stop)
    {
        Console.Error.WriteLine("--distributed is not available yet.");
        return Task.FromResult(2);
    }
}
