using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HelpDesk.Testing;

/// <summary>
/// A real SMTP server on a free loopback port: Debian's python3-aiosmtpd with its Mailbox handler, which stores
/// every accepted message as a file in a Maildir. Tests read the raw messages back and parse them.
/// </summary>
public sealed class SmtpServerFixture : IAsyncDisposable
{
    private static readonly string[] MaildirFolders = ["new", "cur"];
    private readonly Process _process;
    private readonly TempDirectory _maildir;

    private SmtpServerFixture(Process process, TempDirectory maildir, int port)
    {
        _process = process;
        _maildir = maildir;
        Port = port;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public string MaildirPath => _maildir.Path;

    /// <summary>Why the server cannot run here, or null when a Python with aiosmtpd was found.</summary>
    public static string? UnavailableReason => FindPython() is null ? "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)" : null;

    private static readonly Lazy<string?> Python = new(() =>
        new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(candidate =>
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(candidate, ["-c", "import aiosmtpd"])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                });
                if (probe is null)
                {
                    return false;
                }
                probe.WaitForExit(30_000);
                return probe.HasExited && probe.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }));

    private static string? FindPython() => Python.Value;

    /// <param name="port">A fixed port (e.g. one a service was already told about), or null for a free one.</param>
    public static async Task<SmtpServerFixture> StartAsync(int? port = null)
    {
        var python = FindPython() ?? throw new InvalidOperationException(UnavailableReason);
        var maildir = new TempDirectory("helpdesk-maildir");
        // Python's Maildir only creates its sub-folders when the directory itself is missing.
        foreach (var folder in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(maildir.Path, folder));
        }
        for (var attempt = 1; ; attempt++)
        {
            var listenPort = port ?? FreePort();
            var start = new ProcessStartInfo(python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{listenPort}", "-c", "aiosmtpd.handlers.Mailbox", maildir.Path])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await WaitForBannerAsync(listenPort, process))
            {
                return new SmtpServerFixture(process, maildir, listenPort);
            }
            Kill(process);
            if (attempt == 3)
            {
                maildir.Dispose();
                throw new InvalidOperationException("aiosmtpd did not start listening.");
            }
        }
    }

    /// <summary>Raw messages (RFC 5322 bytes) received so far, oldest first.</summary>
    public IReadOnlyList<byte[]> ReadMessages()
    {
        var files = MaildirFolders
            .Select(folder => Path.Combine(_maildir.Path, folder))
            .Where(Directory.Exists)
            .SelectMany(Directory.GetFiles)
            .Select(file => new FileInfo(file))
            .OrderBy(file => file.LastWriteTimeUtc)
            .ThenBy(file => file.Name, StringComparer.Ordinal);
        return files.Select(file => File.ReadAllBytes(file.FullName)).ToList();
    }

    private static async Task<bool> WaitForBannerAsync(int port, Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                using var reader = new StreamReader(client.GetStream());
                var banner = await reader.ReadLineAsync();
                if (banner?.StartsWith("220", StringComparison.Ordinal) == true)
                {
                    return true;
                }
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        return false;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Kill(_process);
        _maildir.Dispose();
        return ValueTask.CompletedTask;
    }
}
