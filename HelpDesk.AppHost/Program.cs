using System.Runtime.InteropServices;

namespace HelpDesk.AppHost;

/// <summary>
/// Local composition root. Embedded (default): the gateway and every service in this one process, in-memory bus,
/// SQLite under a data directory. --distributed: a private RabbitMQ and PostgreSQL plus one process per service.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["publish", .. var publishArgs])
        {
            return await Kubernetes.KubernetesPublisher.RunAsync(publishArgs, Console.Out, Console.Error);
        }

        var options = AppHostOptions.Parse(args);
        using var stop = new CancellationTokenSource();
        // Ctrl+C, `kill` and a terminal closing all end in the same clean shutdown of every part.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        return options.Distributed
            ? await DistributedHost.RunAsync(options, stop.Token)
            : await EmbeddedHost.RunAsync(options, stop.Token);
    }
}
