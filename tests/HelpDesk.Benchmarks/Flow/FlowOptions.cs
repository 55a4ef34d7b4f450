using System.Globalization;

namespace HelpDesk.Benchmarks.Flow;

/// <summary>Command-line options of <see cref="TicketFlowDriver"/>; anything after "--" goes to the platform as arguments.</summary>
public sealed record FlowOptions(bool Distributed, double Rate, int Seconds, int Warmup, int Drain, IReadOnlyList<string> PlatformArgs, bool Storm = false, int Replicas = 1)
{
    public static FlowOptions Parse(string[] args)
    {
        var separator = Array.IndexOf(args, "--");
        var own = separator < 0 ? args : args[..separator];
        var platformArgs = separator < 0 ? [] : args[(separator + 1)..].ToList();
        var distributed = own.Contains("--distributed");
        var replicas = (int)Number(own, "--replicas", 1);
        if (distributed && replicas > 1)
        {
            platformArgs.AddRange(["--replicas", replicas.ToString(CultureInfo.InvariantCulture)]);
        }
        return new FlowOptions(distributed, Number(own, "--rate", 50), (int)Number(own, "--seconds", 60), (int)Number(own, "--warmup", 5),
            (int)Number(own, "--drain", 60), platformArgs, own.Contains("--storm"), distributed ? replicas : 1);
    }

    public override string ToString() =>
        $"{(Distributed ? "distributed (RabbitMQ, PostgreSQL, one process per service)" : "embedded (one process, in-memory bus, SQLite)")}, " +
        (Replicas > 1 ? $"{Replicas} replicas of routing, SLA and notifications, " : "") +
        $"{Rate:0.#} tickets/s for {Warmup} s warm-up + {Seconds} s measured, drain up to {Drain} s" +
        (PlatformArgs.Count > 0 ? $", platform args: {string.Join(' ', PlatformArgs)}" : "");

    private static double Number(string[] args, string name, double fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && double.TryParse(args[index + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}
