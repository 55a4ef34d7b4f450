using System.Globalization;
using HelpDesk.LocalServers;

namespace HelpDesk.Reliability;

/// <summary>Replicas (AppHost --replicas N): DCP runs N processes of a service; they are found by their data directory.</summary>
public sealed partial class DistributedPlatform
{
    /// <summary>
    /// The running replicas of <paramref name="service"/>: one process tree each (DCP's `dotnet run` and the service
    /// under it), found by the data directory the AppHost gives the service (HelpDesk__DataDirectory, under this
    /// platform's own temporary root), so another session's processes on the machine are never touched. DCP runs
    /// them outside this test's process tree, so every process is looked at.
    /// </summary>
    public IReadOnlyList<int> ReplicaProcesses(string service)
    {
        var marker = "HelpDesk__DataDirectory=" + Path.Combine(Root, "distributed", "services", service);
        var ours = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && HasEnvironment(pid, marker)).ToHashSet();
        // A replica's root is a matching process whose parent does not match (DCP itself carries no such variable).
        return [.. ours.Where(pid => !ours.Contains(ParentOf(pid))).Order()];
    }

    /// <summary>
    /// Waits until exactly <paramref name="count"/> replicas of <paramref name="service"/> run (processes found as in
    /// <see cref="ReplicaProcesses"/>) and each answers its own /health with 200 — probed on the port DCP gave that
    /// replica (its ASPNETCORE_URLS), not through the shared proxy, which answers as soon as one of them does.
    /// </summary>
    public async Task WaitForReplicasAsync(string service, int count, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + Patience;
        var seen = "";
        while (DateTime.UtcNow < deadline)
        {
            var replicas = ReplicaProcesses(service);
            var healthy = 0;
            foreach (var pid in replicas)
            {
                healthy += await AnswersHealthAsync(probe, pid, cancellationToken) ? 1 : 0;
            }
            seen = $"{replicas.Count} process(es) ({string.Join(", ", replicas)}), {healthy} healthy";
            if (replicas.Count == count && healthy == count)
            {
                return;
            }
            await Task.Delay(500, cancellationToken);
        }
        throw new TimeoutException($"{service}: {seen} after {Patience.TotalSeconds:0} s, {count} expected:\n{Tail(service)}");
    }

    private static async Task<bool> AnswersHealthAsync(HttpClient probe, int pid, CancellationToken cancellationToken)
    {
        var urls = EnvironmentOf(pid).FirstOrDefault(e => e.StartsWith("ASPNETCORE_URLS=", StringComparison.Ordinal))?["ASPNETCORE_URLS=".Length..];
        if (urls?.Split(';')[0] is not { Length: > 0 } first || !Uri.TryCreate(first.Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var url))
        {
            return false;
        }
        try
        {
            using var response = await probe.GetAsync(new Uri(url, "/health"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>SIGKILL to one replica's process tree, while the others keep running. Returns the pids killed.</summary>
    public async Task<IReadOnlyList<int>> KillOneReplicaAsync(string service, CancellationToken cancellationToken)
    {
        var replicas = ReplicaProcesses(service);
        if (replicas.Count < 2)
        {
            throw new InvalidOperationException($"{service} runs {replicas.Count} replica(s); killing one needs two or more.");
        }
        var victim = replicas[^1];
        var victims = ProcessTree.Descendants(victim).Append(victim).ToList();
        foreach (var pid in victims)
        {
            ProcessRunner.Signal(pid, ProcessRunner.SigKill);
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (victims.Any(pid => Directory.Exists($"/proc/{pid}") && !IsZombie(pid)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }
        await File.AppendAllTextAsync(LogFile(service), $"---- one replica killed with SIGKILL (pids {string.Join(", ", victims)}) ----\n", cancellationToken);
        return victims;
    }

    private static bool HasEnvironment(int pid, string entry) => EnvironmentOf(pid).Contains(entry, StringComparer.Ordinal);

    private static string[] EnvironmentOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or FormatException)
        {
            return 0;
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
