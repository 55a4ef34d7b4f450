using System.Reflection;
using BenchmarkDotNet.Running;

namespace HelpDesk.Benchmarks;

/// <summary>
/// A load driver measures a running system (throughput, latency percentiles) where BenchmarkDotNet's
/// micro-benchmark loop does not fit. Drivers are found by reflection: add a class, nothing to register.
/// </summary>
public interface ILoadDriver
{
    /// <summary>Name given on the command line: <c>dotnet run -c Release --project tests/HelpDesk.Benchmarks -- NAME [options]</c>.</summary>
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var drivers = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ILoadDriver).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (ILoadDriver)Activator.CreateInstance(t)!)
            .ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

        if (args.Length > 0 && drivers.TryGetValue(args[0], out var driver))
        {
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            return await driver.RunAsync(args[1..], stop.Token);
        }

        if (args is ["--list-drivers"] || args.Length == 0)
        {
            Console.WriteLine("Load drivers:");
            foreach (var d in drivers.Values.OrderBy(d => d.Name))
            {
                Console.WriteLine($"  {d.Name,-24} {d.Description}");
            }
            Console.WriteLine("BenchmarkDotNet suites: pass --filter '*Name*' (or --list flat).");
            if (args.Length == 0)
            {
                return 0;
            }
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
