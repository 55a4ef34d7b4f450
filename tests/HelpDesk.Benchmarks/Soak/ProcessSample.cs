namespace HelpDesk.Benchmarks.Soak;

/// <summary>One service's resources at one instant, summed over its processes (replicas add up).</summary>
public sealed record ProcessSample(double Seconds, string Process, double ResidentMiB, int Handles, int Connections, int Threads);
