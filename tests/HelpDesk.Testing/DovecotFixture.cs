using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HelpDesk.Testing;

/// <summary>
/// A private Dovecot IMAP server on a free loopback port, with a generated configuration (plain-text login,
/// no TLS, Maildir under a temp directory) and one mailbox user. Skips the test when the dovecot binary is
/// absent (<see cref="StartAsync"/> returns null; call <c>Assert.Skip(DovecotFixture.SkipReason)</c>), unless
/// HELPDESK_REQUIRE_INFRA=1 (CI), where its absence fails the test.
/// </summary>
public sealed class DovecotFixture : IAsyncDisposable
{
    public const string User = "helpdesk";
    public const string Password = "helpdesk-test-secret";

    private readonly Process _process;
    private readonly TempDirectory _directory;

    private DovecotFixture(Process process, TempDirectory directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public const string SkipReason = "dovecot is not installed (apt-get install dovecot-imapd); set HELPDESK_REQUIRE_INFRA=1 to fail instead.";

    private static readonly string[] BinaryLocations = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"];

    public static string Host => "127.0.0.1";

    public int Port { get; }

    public string LogPath => Path.Combine(_directory.Path, "dovecot.log");

    public static string? FindBinary() =>
        BinaryLocations.FirstOrDefault(File.Exists);

    /// <summary>Starts dovecot; null when it is not installed and infrastructure is not required (see class remarks).</summary>
    public static async Task<DovecotFixture?> StartAsync()
    {
        var binary = FindBinary();
        if (binary is null)
        {
            if (Infrastructure.InfrastructureRequirement.IsRequired)
            {
                throw new InvalidOperationException($"dovecot is required ({Infrastructure.InfrastructureRequirement.VariableName} is set) but not installed; apt-get install dovecot-imapd.");
            }
            return null;
        }

        var directory = new TempDirectory("helpdesk-dovecot");
        var port = FreePort();
        var mail = Directory.CreateDirectory(Path.Combine(directory.Path, "mail")).FullName;
        Directory.CreateDirectory(Path.Combine(directory.Path, "run"));
        Directory.CreateDirectory(Path.Combine(directory.Path, "state"));
        await File.WriteAllTextAsync(Path.Combine(directory.Path, "users"), $"{User}:{{PLAIN}}{Password}::::::\n");

        // Dovecot refuses to deliver mail as root: as root, mail belongs to the 'dovecot' system user.
        var isRoot = Environment.UserName == "root";
        var mailUser = isRoot ? "dovecot" : Environment.UserName;
        if (isRoot)
        {
            await RunAsync("chown", $"dovecot:dovecot \"{mail}\"");
        }
        var config = $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{directory.Path}}/run
            state_dir = {{directory.Path}}/state
            instance_name = helpdesk-test-{{port}}
            log_path = {{directory.Path}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_internal_user = {{(isRoot ? "dovecot" : mailUser)}}
            default_login_user = {{(isRoot ? "dovenull" : mailUser)}}
            first_valid_uid = 1
            mail_location = maildir:{{mail}}/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{directory.Path}}/users
            }
            userdb {
              driver = static
              args = uid={{mailUser}} gid={{(isRoot ? "dovecot" : mailUser)}} home={{mail}}/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """;
        var configPath = Path.Combine(directory.Path, "dovecot.conf");
        await File.WriteAllTextAsync(configPath, config);

        var process = Process.Start(new ProcessStartInfo(binary!, ["-F", "-c", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var fixture = new DovecotFixture(process, directory, port);
        try
        {
            await fixture.WaitForGreetingAsync();
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
        return fixture;
    }

    private async Task WaitForGreetingAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                var log = File.Exists(LogPath) ? await File.ReadAllTextAsync(LogPath) : "";
                throw new InvalidOperationException($"dovecot exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()} {log}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                using var reader = new StreamReader(client.GetStream());
                var greeting = await reader.ReadLineAsync();
                if (greeting?.StartsWith("* OK", StringComparison.Ordinal) == true)
                {
                    return;
                }
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"dovecot did not greet on 127.0.0.1:{Port} within 30 s.");
            }
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _directory.Dispose();
    }
}
