using System.Globalization;

namespace HelpDesk.Benchmarks.Soak;

/// <summary>
/// soak [--minutes 10] [--rate 4] [--warmup 120] [--sample 10] [--svg soak.svg] [--csv soak.csv] [--growth 25]
/// [-- AppHost args]: bounded, distributed, steady rate; a process whose memory, handles or connections grew more
/// than --growth percent between the first and the last minute after the warm-up fails the run.
/// </summary>
public sealed record SoakOptions(double Minutes, double Rate, double WarmupSeconds, double SampleSeconds, string Svg, string Csv, double GrowthPercent, IReadOnlyList<string> PlatformArgs)
{
    public static SoakOptions Parse(string[] args)
    {
        var separator = Array.IndexOf(args, "--");
        var own = separator < 0 ? args : args[..separator];
        return new SoakOptions(
            Number(own, "--minutes", 10), Number(own, "--rate", 4), Number(own, "--warmup", 120), Number(own, "--sample", 10),
            Text(own, "--svg", "soak.svg"), Text(own, "--csv", "soak.csv"), Number(own, "--growth", 25),
            separator < 0 ? [] : args[(separator + 1)..]);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Minutes} min at {Rate} tickets/s, warm-up {WarmupSeconds} s, a sample every {SampleSeconds} s, growth limit {GrowthPercent} %");

    private static double Number(string[] args, string name, double fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && double.TryParse(args[index + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }

    private static string Text(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
