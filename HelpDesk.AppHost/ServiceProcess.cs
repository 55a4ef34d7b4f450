using System.Diagnostics;
using System.Reflection;
using HelpDesk.AppHost.Resources;

namespace HelpDesk.AppHost;

/// <summary>One service of the topology running as its own `dotnet HelpDesk.X.dll` process, its output prefixed.</summary>
/// <remarks>Arguments after the AppHost's own options reach every service (e.g. --Logging:LogLevel:Default=Debug).</remarks>
internal sealed class ServiceProcess(
    ServiceResource service, int port, IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> arguments, PrefixedConsole console) : IAsyncDisposable
{
    private Process? _process;
    private bool _stopping;

    public ServiceResource Service { get; } = service;

    public int Port { get; } = port;

    public string Url => $"http://127.0.0.1:{Port}";

    public int? ProcessId => _process?.Id;

    /// <summary>Completes with the exit code when the process ends without <see cref="StopAsync"/> having asked it to.</summary>
    public TaskCompletionSource<int> UnexpectedExit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Start()
    {
        var assembly = LocateAssembly(Service.Project);
        var info = ProcessRunner.StartInfo(DotnetHost(), ["exec", assembly, .. arguments], environment.ToDictionary(), workingDirectory: Path.GetDirectoryName(assembly), ownSession: true);
        if (!environment.TryGetValue("ASPNETCORE_URLS", out var urls) || urls is null)
        {
            info.Environment["ASPNETCORE_URLS"] = Url;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) console.WriteLine(Service.Name, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) console.WriteLine(Service.Name, e.Data); };
        process.Exited += (_, _) =>
        {
            if (!_stopping)
            {
                UnexpectedExit.TrySetResult(process.ExitCode);
            }
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Waits until GET /health answers 200 (dependencies reachable), failing fast if the process dies.</summary>
    public async Task WaitHealthyAsync(HttpClient http, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (UnexpectedExit.Task.IsCompleted)
            {
                throw new InvalidOperationException($"{Service.Name} exited with code {UnexpectedExit.Task.Result} while starting.");
            }
            try
            {
                using var response = await http.GetAsync(new Uri($"{Url}/health"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The health request itself timed out; ask again.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Service.Name} did not report healthy at {Url}/health within {patience.TotalSeconds:0} s.");
            }
            await Task.Delay(150, cancellationToken);
        }
    }

    /// <summary>SIGTERM (the host stops gracefully: in-flight messages finish, the outbox stops), then SIGKILL after a grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _stopping = true;
        var process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }
        ProcessRunner.Signal(process.Id, ProcessRunner.SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            console.WriteLine(Service.Name, $"did not stop within {grace.TotalSeconds:0} s; killing it");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process?.Dispose();
    }

    /// <summary>The service's own build output, recorded by the AppHost project at build time (see HelpDesk.AppHost.csproj).</summary>
    public static string LocateAssembly(string project)
    {
        var recorded = typeof(ServiceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "HelpDesk.ServiceAssembly:" + project)?.Value;
        var candidates = new[]
        {
            recorded,
            // A published layout keeps services beside the AppHost in folders of their own.
            Path.Combine(AppContext.BaseDirectory, "services", project, project + ".dll"),
        };
        foreach (var candidate in candidates)
        {
            if (candidate is not null && File.Exists(candidate) && File.Exists(Path.ChangeExtension(candidate, ".runtimeconfig.json")))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException(
            $"The build output of {project} was not found (looked for {recorded ?? "a recorded path"}). Build the AppHost first: dotnet build HelpDesk.AppHost");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
}

/// <summary>Writes each process's lines as "[name] line", the prefix coloured when the console is a terminal.</summary>
internal sealed class PrefixedConsole
{
    private static readonly ConsoleColor[] Palette =
        [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta, ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkYellow, ConsoleColor.DarkGreen];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ConsoleColor> _colours = [];
    private readonly bool _colour = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private int _width = 8;

    public void Register(string name)
    {
        lock (_gate)
        {
            _colours.TryAdd(name, Palette[_colours.Count % Palette.Length]);
            _width = Math.Max(_width, name.Length);
        }
    }

    public void WriteLine(string name, string line)
    {
        lock (_gate)
        {
            var prefix = $"[{name}]".PadRight(_width + 2);
            if (_colour && _colours.TryGetValue(name, out var colour))
            {
                Console.ForegroundColor = colour;
                Console.Write(prefix);
                Console.ResetColor();
                Console.WriteLine(" " + line);
            }
            else
            {
                Console.WriteLine(prefix + " " + line);
            }
        }
    }

    /// <summary>A line that must not be missed (a process died): red when coloured, and on stderr as well.</summary>
    public void Alarm(string message)
    {
        lock (_gate)
        {
            if (_colour)
            {
                Console.ForegroundColor = ConsoleColor.Red;
            }
            Console.Error.WriteLine($"!!! {message}");
            if (_colour)
            {
                Console.ResetColor();
            }
        }
    }
}
