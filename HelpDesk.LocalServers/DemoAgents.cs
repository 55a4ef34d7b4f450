namespace HelpDesk.LocalServers;

/// <summary>
/// The demo's Routing agents, defined once: the AppHost's demo seeder staffs Routing's queues with them, and the demo
/// people who sign in as agents (grace, kate) get these queues as identity groups (<see cref="DemoPeople"/>), so the
/// tickets Routing gives them are tickets they can see. Follow the sun: Rome and Paris by day in Europe, Montréal six
/// hours behind.
/// </summary>
public static class DemoAgents
{
    public static readonly IReadOnlyList<DemoAgent> All =
    [
        new("grace", "Grace Hopper (Rome)", ["service-desk", "network"], ["vpn", "wifi", "italian", "english"]),
        new("giulia", "Giulia Rossi (Rome)", ["network"], ["vpn", "firewall", "italian"]),
        new("kate", "Kate Bush (Paris)", ["service-desk", "workplace"], ["printers", "french", "english"]),
        new("luc", "Luc Moreau (Paris)", ["workplace"], ["laptops", "monitors", "french"]),
        new("emma", "Emma Tremblay (Montréal)", ["service-desk", "network"], ["vpn", "email", "french", "english"]),
        new("noah", "Noah Roy (Montréal)", ["workplace", "service-desk"], ["laptops", "accounts", "english"]),
    ];

    /// <summary>The Routing queues of the demo agent <paramref name="id"/> (none when Routing does not staff them).</summary>
    public static string[] QueuesOf(string id) => All.FirstOrDefault(a => a.Id == id)?.Queues ?? [];

    /// <summary>Every queue the demo staffs.</summary>
    public static IReadOnlyList<string> Queues => [.. All.SelectMany(a => a.Queues).Distinct(StringComparer.Ordinal)];
}
