using System.Globalization;
using HelpDesk.Benchmarks.Flow;

namespace HelpDesk.Benchmarks.Soak;

/// <summary>
/// Memory, handles and connections of this process and everything it started (DCP, the services, RabbitMQ,
/// PostgreSQL), from /proc: resident set (VmRSS), open file descriptors, established TCP connections (the process's
/// socket inodes found in /proc/net/tcp and tcp6 in state 01) and threads. Processes are named as
/// <see cref="CpuMeter"/> names them, so a service's replicas and PostgreSQL's backends add up under one name.
/// </summary>
public static class ResourceSampler
{
    private const string Established = "01";

    /// <param name="dataRoot">The platform's data directory: DCP runs the services outside this process tree.</param>
    public static IReadOnlyList<ProcessSample> Sample(double seconds, string dataRoot)
    {
        var established = EstablishedSocketInodes();
        var totals = new Dictionary<string, (double Rss, int Handles, int Connections, int Threads)>(StringComparer.Ordinal);
        var self = Environment.ProcessId;
        foreach (var pid in CpuMeter.Processes(dataRoot))
        {
            try
            {
                var name = pid == self ? "driver" : CpuMeter.ProcessName(pid);
                var (rss, threads) = Status(pid);
                var handles = 0;
                var connections = 0;
                foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
                {
                    handles++;
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && established.Contains(target[8..^1]))
                    {
                        connections++;
                    }
                }
                var total = totals.GetValueOrDefault(name);
                totals[name] = (total.Rss + rss, total.Handles + handles, total.Connections + connections, total.Threads + threads);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while we looked.
            }
        }
        return [.. totals.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new ProcessSample(seconds, t.Key, t.Value.Rss, t.Value.Handles, t.Value.Connections, t.Value.Threads))];
    }

    private static (double ResidentMiB, int Threads) Status(int pid)
    {
        double rss = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line[8..].Trim(), CultureInfo.InvariantCulture);
            }
        }
        return (rss, threads);
    }

    /// <summary>Inodes of every established TCP socket on the machine (the test processes share its network namespace).</summary>
    private static HashSet<string> EstablishedSocketInodes()
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == Established)
                {
                    inodes.Add(fields[9]);
                }
            }
        }
        return inodes;
    }
}
