using HelpDesk.LocalServers;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HelpDesk.AppHost.Demo;

/// <summary>
/// Demo data for a local run, written through the gateway with the local API key once the platform is healthy, so
/// that it takes the same paths as real use: SLA calendars (this year's Italian and French holidays) and policies,
/// queues with agents and skills, routing rules, catalogue items, knowledge-base articles in en/fr/it, a webhook to
/// the AppHost's own receiver, and tickets in several states. Runs once per data directory (a marker file).
/// </summary>
public sealed class DemoSeeder(HttpClient gateway, string dataDirectory, Uri webhookUrl, TextWriter output)
{
    public const string MarkerFileName = "demo-seeded";

    private static readonly string[] AllEvents = ["*"];
    private static readonly string[] NetworkQueue = ["network"];
    private static readonly string[] WorkplaceQueue = ["workplace"];
    private static readonly int[] NetworkWarnings = [50, 80];
    private static readonly int[] WorkplaceWarnings = [75];

    public static bool AlreadySeeded(string dataDirectory) => File.Exists(Path.Combine(dataDirectory, MarkerFileName));

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        await SlaAsync(cancellationToken);
        await RoutingAsync(cancellationToken);
        var articles = await ArticlesAsync(cancellationToken);
        await SendAsync(HttpMethod.Post, "api/v1/notifications/webhooks",
            new { url = webhookUrl.ToString(), eventTypes = AllEvents, description = "Demo receiver in the AppHost (prints each delivery)" }, cancellationToken);
        var tickets = await new DemoTickets(this).SubmitAsync(cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, MarkerFileName), DateTimeOffset.UtcNow.ToString("O") + "\n", cancellationToken);
        await output.WriteLineAsync($"Demo data: {articles} knowledge-base articles (en, fr, it), {DemoAgents.Queues.Count} queues with {DemoAgents.All.Count} agents, 4 routing rules, 4 catalogue items, 3 SLA calendars, 1 webhook, {tickets.Count} tickets ({string.Join(", ", tickets)}).");
        return tickets;
    }

    private async Task SlaAsync(CancellationToken cancellationToken)
    {
        var year = DateTime.UtcNow.Year;
        string[] day = ["08:30-12:30", "13:30-18:00"];
        var week = new Dictionary<string, string[]> { ["Monday"] = day, ["Tuesday"] = day, ["Wednesday"] = day, ["Thursday"] = day, ["Friday"] = day };
        static string[] Dates(IEnumerable<DateOnly> days) => [.. days.Select(d => d.ToString("yyyy-MM-dd"))];
        await SendAsync(HttpMethod.Put, "api/v1/sla/calendars/rome-office", new { timeZone = "Europe/Rome", hours = week, holidays = Dates(PublicHolidays.Italy(year)) }, cancellationToken);
        await SendAsync(HttpMethod.Put, "api/v1/sla/calendars/paris-office", new { timeZone = "Europe/Paris", hours = week, holidays = Dates(PublicHolidays.France(year)) }, cancellationToken);
        await SendAsync(HttpMethod.Put, "api/v1/sla/calendars/montreal-office", new { timeZone = "America/Toronto", hours = week }, cancellationToken);
        await SendAsync(HttpMethod.Put, "api/v1/sla/policies/network-rome", new { calendar = "rome-office", queues = NetworkQueue, firstResponse = "01:00:00", resolution = "08:00:00", warningThresholds = NetworkWarnings }, cancellationToken);
        await SendAsync(HttpMethod.Put, "api/v1/sla/policies/workplace-paris", new { calendar = "paris-office", queues = WorkplaceQueue, firstResponse = "02:00:00", resolution = "16:00:00", warningThresholds = WorkplaceWarnings }, cancellationToken);
    }

    private async Task RoutingAsync(CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Put, "api/v1/routing/queues/network", new { strategy = "SkillsMatch" }, cancellationToken);
        await SendAsync(HttpMethod.Put, "api/v1/routing/queues/workplace", new { strategy = "LeastLoaded" }, cancellationToken);
        await SendAsync(HttpMethod.Put, "api/v1/routing/queues/service-desk", new { strategy = "RoundRobin" }, cancellationToken);
        // The agents are defined with the demo people (HelpDesk.LocalServers/DemoAgents.cs): grace's and kate's identity
        // groups follow from the queues they are staffed on here.
        foreach (var agent in DemoAgents.All)
        {
            await SendAsync(HttpMethod.Put, $"api/v1/routing/agents/{agent.Id}",
                new { name = agent.Name, email = agent.Email, queues = agent.Queues, skills = agent.Skills, capacity = 8, onShift = true }, cancellationToken);
        }
        (string Name, int Priority, string[] Keywords, string Queue, string Category)[] rules =
        [
            ("vpn-and-network", 10, ["vpn", "wifi", "wi-fi", "réseau", "rete"], "network", "Access"),
            ("printers", 20, ["printer", "imprimante", "stampante", "paper jam"], "workplace", "Hardware"),
            ("laptops-and-monitors", 30, ["laptop", "monitor", "écran", "portatile", "docking"], "workplace", "Hardware"),
            ("accounts-and-passwords", 40, ["password", "mot de passe", "locked", "account"], "service-desk", "Access"),
        ];
        foreach (var (name, priority, keywords, queue, category) in rules)
        {
            await SendAsync(HttpMethod.Post, "api/v1/routing/rules", new { name, priority, enabled = true, keywords, queue, category }, cancellationToken);
        }
        (string Key, string Name, bool PreApproved, string? Approver, string[] Keywords)[] items =
        [
            ("monitor", "Second monitor", true, null, ["monitor", "screen"]),
            ("headset", "Headset for calls", true, null, ["headset", "microphone"]),
            ("software", "Install software", false, "alan@example.org", ["install", "licence", "software"]),
            ("laptop", "New laptop", false, "alan@example.org", ["new laptop"]),
        ];
        foreach (var (key, name, preApproved, approver, keywords) in items)
        {
            await SendAsync(HttpMethod.Put, $"api/v1/routing/catalog/{key}", new { name, preApproved, approver, keywords }, cancellationToken);
        }
    }

    private async Task<int> ArticlesAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("kb-articles.json")
            ?? throw new InvalidOperationException("kb-articles.json is not embedded in the AppHost.");
        var articles = await JsonSerializer.DeserializeAsync<JsonArray>(stream, cancellationToken: cancellationToken) ?? [];
        foreach (var article in articles)
        {
            var created = await SendAsync(HttpMethod.Post, "api/v1/kb/articles", article, cancellationToken);
            var id = created?["id"]?.GetValue<string>() ?? throw new InvalidOperationException("The KB answered without an article id.");
            await SendAsync(HttpMethod.Post, $"api/v1/kb/articles/{id}/publish", new { }, cancellationToken);
        }
        return articles.Count;
    }

    /// <summary>One API call; a conflict (already there from an earlier, interrupted seeding) is fine, anything else stops the demo.</summary>
    internal async Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await gateway.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} /{path} answered {(int)response.StatusCode}: {text}");
        }
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
