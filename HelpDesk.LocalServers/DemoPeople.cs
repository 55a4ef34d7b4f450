using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.LocalServers;

/// <summary>
/// The demo people and organisations, defined once: a local run's identity service (LocalIdentity, with random
/// passwords kept in the data directory) and every test identity service (HelpDesk.Testing's TestPeople, with one
/// fixed password) know the same people.
/// </summary>
public static class DemoPeople
{
    /// <summary>(id, name, whether its members see each other's tickets).</summary>
    public static readonly IReadOnlyList<(string Id, string Name, bool ShareTickets)> Organisations =
    [
        ("acme", "Acme Corp", false),
        ("globex", "Globex", true),
    ];

    public static readonly IReadOnlyList<DemoPerson> All =
    [
        new("ada", "Ada Lovelace", [HelpDeskRoles.Requester], "acme", "alan", []),
        new("bob", "Bob Marley", [HelpDeskRoles.Requester], "acme", "alan", []),
        new("carol", "Carol Shaw", [HelpDeskRoles.Requester], "globex", null, []),
        // Agents work the queues their groups name (docs/security.md): the queues the demo's Routing staffs them on
        // (DemoAgents) plus more of the demo's and, without the demo, Routing:CategoryQueues. Only kate sees
        // hr-support, only grace network.
        new("grace", "Grace Hopper", [HelpDeskRoles.Agent], null, null,
            Groups("grace", "workplace", "hardware", "identity-access", "infrastructure", "procurement", "projects")),
        // The default approver of requests without a catalogue approver is the group service-desk-lead (Routing).
        new("alan", "Alan Turing", [HelpDeskRoles.Approver], "acme", null, ["cab", "service-desk-lead"]),
        new("edith", "Edith Clarke", [HelpDeskRoles.Approver], null, null, []),
        new("margaret", "Margaret Hamilton", [HelpDeskRoles.Lead], null, null, []),
        new("kate", "Kate Bush", [HelpDeskRoles.Agent, HelpDeskRoles.Editor], null, null, Groups("kate", "hardware", "hr-support")),
        // The service catalogue's process owner: publishes and retires catalogue items, nothing else of routing.
        new("frances", "Frances Allen", [HelpDeskRoles.Requester, HelpDeskRoles.CatalogueManager], "acme", "alan", []),
        new("root", "Root Admin", [HelpDeskRoles.Admin], null, null, []),
    ];

    /// <summary>An agent's groups: the queues Routing staffs them on in the demo, then <paramref name="more"/>.</summary>
    private static string[] Groups(string agent, params string[] more) => [.. DemoAgents.QueuesOf(agent).Concat(more).Distinct(StringComparer.Ordinal)];

    /// <summary>The identity service's settings for the organisations and the people, with each one's password.</summary>
    public static Dictionary<string, string?> IdentitySettings(Func<DemoPerson, string> password)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < Organisations.Count; i++)
        {
            settings[$"Identity:Organisations:{i}:Id"] = Organisations[i].Id;
            settings[$"Identity:Organisations:{i}:Name"] = Organisations[i].Name;
            settings[$"Identity:Organisations:{i}:ShareTickets"] = Organisations[i].ShareTickets ? "true" : "false";
        }
        for (var i = 0; i < All.Count; i++)
        {
            var person = All[i];
            var prefix = $"Identity:Users:{i}:";
            settings[prefix + "UserName"] = person.UserName;
            settings[prefix + "Email"] = person.Email;
            settings[prefix + "DisplayName"] = person.DisplayName;
            settings[prefix + "Password"] = password(person);
            settings[prefix + "Organisation"] = person.Organisation;
            settings[prefix + "Manager"] = person.Manager;
            for (var r = 0; r < person.Roles.Length; r++)
            {
                settings[$"{prefix}Roles:{r}"] = person.Roles[r];
            }
            for (var g = 0; g < person.Groups.Length; g++)
            {
                settings[$"{prefix}Groups:{g}"] = person.Groups[g];
            }
        }
        return settings;
    }
}
