using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace HelpDesk.Benchmarks.KnowledgeBase;

/// <summary>What a reader needs to judge and repeat a figure: when, on what, under which load, from which commit.</summary>
internal static class KbBenchEnvironment
{
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static void PrintHeader(string[] args)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"date       {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Console.WriteLine($"command    dotnet run -c Release --project tests/HelpDesk.Benchmarks -- kb-search {string.Join(' ', args)}");
        Console.WriteLine($"commit     {Git("rev-parse --short HEAD")}{(Git("status --porcelain").Length > 0 ? " (with uncommitted changes)" : "")}");
        Console.WriteLine($"machine    {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
        Console.WriteLine($"load       {LoadAverage()} (1/5/15-minute load average at start; above the core count the machine is loaded and wall-clock figures are pessimistic)");
    }

    public static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static string Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            var output = git!.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
