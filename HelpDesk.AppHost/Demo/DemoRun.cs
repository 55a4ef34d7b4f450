using System.Globalization;
using HelpDesk.AppHost.Hosting;

namespace HelpDesk.AppHost.Demo;

/// <summary>
/// The demo in a local run: the webhook receiver (whenever the data directory holds demo data, on a port kept in the
/// data directory so the registered webhook keeps working across restarts) and the seeding, once, after the gateway
/// is healthy. Off with --no-demo; on by default only for a data directory that did not exist yet.
/// </summary>
public sealed class DemoRun(HelpDeskRunOptions options) : IAsyncDisposable
{
    private const string PortFileName = "demo-webhook-port";
    private DemoWebhookReceiver? _receiver;

    /// <summary>Whether this run has (or is about to get) demo data, so local-only demo settings apply.</summary>
    public static bool Active(HelpDeskRunOptions options) => options.Demo || DemoSeeder.AlreadySeeded(options.DataDirectory);

    /// <summary>Demo-only settings of the service that sends webhooks: the receiver is on loopback.</summary>
    public static Dictionary<string, string?> NotificationsSettings(HelpDeskRunOptions options) =>
        Active(options) ? new() { ["Notifications:Webhooks:AllowPrivateTargets"] = "true" } : [];

    /// <summary>The first demo ticket's number, for the tour; null without demo data.</summary>
    public string? SampleTicket { get; private set; }

    public string WebhookLog => Path.Combine(options.DataDirectory, "webhooks.log");

    public async Task RunAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (!Active(options))
        {
            return;
        }
        var portFile = Path.Combine(options.DataDirectory, PortFileName);
        var port = File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kept) ? kept : 0;
        _receiver = new DemoWebhookReceiver(WebhookLog);
        port = _receiver.Start(port);
        await File.WriteAllTextAsync(portFile, port.ToString(CultureInfo.InvariantCulture), cancellationToken);
        if (DemoSeeder.AlreadySeeded(options.DataDirectory))
        {
            SampleTicket = "HD-000001";
            return;
        }
        Console.WriteLine($"Adding demo data through the gateway (a data directory that did not exist yet; --no-demo leaves it out) …");
        using var gateway = new HttpClient { BaseAddress = new Uri($"http://localhost:{options.GatewayPort}/"), Timeout = TimeSpan.FromSeconds(60) };
        gateway.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        try
        {
            var tickets = await new DemoSeeder(gateway, options.DataDirectory, _receiver.Url, Console.Out).SeedAsync(cancellationToken);
            SampleTicket = tickets.Count > 0 ? tickets[0] : null;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"!!! Demo data incomplete: {e.Message} (the platform runs on; delete {options.DataDirectory} to start afresh).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}
