using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace HelpDesk.Testing;

/// <summary>
/// A .NET program of this repository run as a separate process, its output kept for assertions. The calling test
/// assembly records where the program was built (an AssemblyMetadata "HelpDesk.ProcessAssembly:NAME").
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyCollection<string> Lines => _lines;

    public string Output => string.Join('\n', _lines);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ChildProcess Start(string project, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null) =>
        Start(Assembly.GetCallingAssembly(), project, arguments, environment);

    public static ChildProcess Start(Assembly tests, string project, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        var assembly = tests.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "HelpDesk.ProcessAssembly:" + project).Value!;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment.Remove(Infrastructure.InfrastructureRequirement.VariableName);
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) child._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) child._lines.Enqueue(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public Task WaitForLineAsync(string fragment, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() =>
        {
            if (_lines.Any(l => l.Contains(fragment, StringComparison.Ordinal)))
            {
                return Task.FromResult(true);
            }
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited ({_process.ExitCode}) before printing '{fragment}':\n{Output}");
            }
            return Task.FromResult(false);
        }, timeout ?? TimeSpan.FromSeconds(120), $"'{fragment}' from the child process");

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM: the clean stop a terminal's Ctrl+C or Kubernetes would ask for.</summary>
    public void Terminate() => _ = Kill(_process.Id, 15);

    /// <summary>SIGKILL to this process only (not its children): a crash, or `kill -9` by an impatient operator.</summary>
    public void KillAbruptly() => _ = Kill(_process.Id, 9);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
