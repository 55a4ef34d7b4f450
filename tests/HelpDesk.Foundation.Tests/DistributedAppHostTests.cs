using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.AppHost;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;

namespace HelpDesk.Foundation.Tests;

/// <summary>`dotnet run --project HelpDesk.AppHost -- --distributed`, end to end, as an operator would run it.</summary>
public sealed class DistributedAppHostTests
{
    [Fact]
    public async Task Distributed_mode_serves_tickets_through_the_gateway_and_stops_without_leaving_processes()
    {
        if (!InfrastructureRequirement.RabbitMqInstalled || !InfrastructureRequirement.PostgresInstalled)
        {
            InfrastructureRequirement.SkipOrFail("--distributed needs rabbitmq-server and postgresql installed.");
        }
        using var data = new TempDirectory("helpdesk-distributed");
        var port = InfrastructureRequirement.FreeLoopbackPort();
        // The AppHost gives the gateway the data directory's local key when none is configured.
        var apiKey = LocalApiKey.Ensure(data.Path);
        await using var apphost = ChildProcess.Start("HelpDesk.AppHost",
            ["--distributed", "--port", port.ToString(CultureInfo.InvariantCulture), "--data", data.Path]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);

        await Eventually.TrueAsync(async () =>
        {
            if (apphost.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited ({apphost.ExitCode}):\n{apphost.Output}");
            }
            try
            {
                return (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(240), "the gateway's /health in distributed mode");
        await apphost.WaitForLineAsync("HelpDesk is running (distributed");

        var created = await client.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = "Printer on floor 3 is jammed",
            description = "Paper jam in tray 2.",
            requesterEmail = "grace@example.org",
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticket = await created.Content.ReadFromJsonAsync<TicketView>(TestJson.Options, TestContext.Current.CancellationToken);
        Assert.NotNull(ticket);
        // TicketSubmitted goes intake → RabbitMQ → routing; TicketRouted comes back the same way to intake.
        var routed = await Eventually.GetAsync(async () =>
        {
            var view = await client.GetFromJsonAsync<TicketView>($"/api/v1/tickets/{ticket.Id}", TestJson.Options);
            return view?.Queue is null ? null : view;
        }, what: "TicketRouted to come back over RabbitMQ");
        Assert.False(string.IsNullOrEmpty(routed.Queue));
        Assert.Contains(apphost.Lines, l => l.StartsWith("[intake]", StringComparison.Ordinal));

        apphost.Terminate();
        Assert.Equal(0, await apphost.WaitForExitAsync(TimeSpan.FromSeconds(180)));
        await apphost.WaitForLineAsync("stopped.");
        Assert.Empty(ProcessesMentioning(data.Path));
    }

    /// <summary>Processes whose command line or environment names the data directory (services, postgres, beam).</summary>
    private static List<string> ProcessesMentioning(string directory)
    {
        var found = new List<string>();
        foreach (var proc in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ');
                var environ = File.ReadAllText(Path.Combine(proc, "environ"));
                if (cmdline.Contains(directory, StringComparison.Ordinal) || environ.Contains(directory, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(proc)}: {cmdline}");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return found;
    }

    private sealed record TicketView(Guid Id, string Number, string? Queue, TicketStatus Status);
}
