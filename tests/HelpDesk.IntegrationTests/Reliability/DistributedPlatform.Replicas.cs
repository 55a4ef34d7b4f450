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

    private static bool HasEnvironment(int pid, string entry)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains(entry, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
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
