using BenchmarkDotNet.Running;

namespace HelpDesk.Benchmarks;

/// <summary>Entry point for every suite: BenchmarkDotNet classes by filter, and load drivers by name.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
