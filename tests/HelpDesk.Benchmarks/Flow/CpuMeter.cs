using System.Globalization;
using HelpDesk.Reliability;

namespace HelpDesk.Benchmarks.Flow;

/// <summary>
/// CPU time of this process and every process it started (DCP, the services, RabbitMQ, PostgreSQL), from /proc:
/// on a shared machine CPU per ticket holds where wall-clock figures do not.
/// </summary>
public static class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>
    /// CPU seconds so far, per process name (comm), over this process, its descendants and (DCP runs resources outside
    /// this process tree) every process whose command line or environment names <paramref name="dataRoot"/>.
    /// </summary>
    public static Dictionary<string, double> Sample(string? dataRoot = null)
    {
        var self = Environment.ProcessId;
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pid in Processes(dataRoot))
        {
            try
            {
                var text = File.ReadAllText($"/proc/{pid}/stat");
                var open = text.IndexOf('(');
                var close = text.LastIndexOf(')');
                var name = pid == self ? "driver" : NameOf(pid, text[(open + 1)..close]);
                var fields = text[(close + 2)..].Split(' ');
                // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after "pid (comm)".
                var seconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                totals[name] = totals.GetValueOrDefault(name) + seconds;
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The process ended while we looked.
            }
        }
        return totals;
    }

    /// <summary>
    /// This process, its descendants and (DCP runs resources outside this process tree) every process whose command
    /// line or environment names <paramref name="dataRoot"/>, with their children.
    /// </summary>
    public static HashSet<int> Processes(string? dataRoot)
    {
        var self = Environment.ProcessId;
        var pids = ProcessTree.Descendants(self).Prepend(self).ToHashSet();
        if (dataRoot is not null)
        {
            // With their children: PostgreSQL's backends and RabbitMQ's helpers do not name the directory themselves.
            foreach (var pid in ProcessesNaming(dataRoot).ToList())
            {
                pids.Add(pid);
                pids.UnionWith(ProcessTree.Descendants(pid));
            }
        }
        return pids;
    }

    /// <summary>The name a process is counted under (see <see cref="NameOf"/>).</summary>
    public static string ProcessName(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        return NameOf(pid, text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')]);
    }

    private static IEnumerable<int> ProcessesNaming(string dataRoot)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            bool names;
            try
            {
                names = File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(dataRoot, StringComparison.Ordinal)
                    || File.ReadAllText(Path.Combine(directory, "environ")).Contains(dataRoot, StringComparison.Ordinal);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                names = false;
            }
            if (names)
            {
                yield return pid;
            }
        }
    }

    /// <summary>A service process shows as "dotnet"/"HelpDesk.X"; name it by its command line so replicas add up per service.</summary>
    private static string NameOf(int pid, string comm)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            var helpDesk = commandLine.IndexOf("HelpDesk.", StringComparison.Ordinal);
            if (helpDesk >= 0)
            {
                var end = commandLine.IndexOfAny([' ', '/', '\\'], helpDesk);
                var name = end < 0 ? commandLine[helpDesk..] : commandLine[helpDesk..end];
                return name.EndsWith(".dll", StringComparison.Ordinal) ? name[..^4] : name;
            }
        }
        catch (IOException)
        {
        }
        return comm;
    }

    public static Dictionary<string, double> Difference(Dictionary<string, double> after, Dictionary<string, double> before) =>
        after.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key));
}
