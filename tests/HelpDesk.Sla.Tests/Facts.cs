using HelpDesk.Contracts;
using HelpDesk.Sla.Domain;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Sla.Tests;

/// <summary>Builders for lifecycle events and catalogues used across the tests.</summary>
internal static class Facts
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero); // a Monday

    public static TicketSubmitted Submitted(Guid id, DateTimeOffset at, TicketPriority priority = TicketPriority.Medium, TicketType type = TicketType.Incident, string? organisation = null) =>
        new(id, "HD-" + id.ToString("N")[..6], type, TicketChannel.Api, priority, new Requester("ada@example.org", "Ada", organisation),
            "VPN down", "It drops.", [], "en", at);

    public static TicketRouted Routed(Guid id, DateTimeOffset at, string queue, TicketPriority? priority = null) =>
        new(id, "HD-" + id.ToString("N")[..6], queue, "network", "rule:vpn", at, priority);

    public static TicketStatusChanged Status(Guid id, DateTimeOffset at, TicketStatus from, TicketStatus to) =>
        new(id, "HD-" + id.ToString("N")[..6], from, to, at, "agent-1");

    public static TicketCommented AgentReply(Guid id, DateTimeOffset at, bool first = false) =>
        new(id, "HD-" + id.ToString("N")[..6], Guid.NewGuid(), "agent-1", CommentAuthorKind.Agent, true, "Looking into it.", at, first);

    public static TicketResolved Resolved(Guid id, DateTimeOffset at) => new(id, "HD-" + id.ToString("N")[..6], at, "Fixed", "agent-1");

    public static TicketReopened Reopened(Guid id, DateTimeOffset at) => new(id, "HD-" + id.ToString("N")[..6], at, "Still broken");

    public static TicketRated Rated(Guid id, DateTimeOffset at, int score) => new(id, "HD-" + id.ToString("N")[..6], score, at);

    public static SlaCatalog Catalog(params (string Name, PolicyDefinition Definition)[] policies) =>
        Catalog([], policies);

    public static SlaCatalog Catalog(IReadOnlyList<BusinessCalendar> calendars, params (string Name, PolicyDefinition Definition)[] policies)
    {
        var names = calendars.Select(c => c.Name).Append(BusinessCalendar.AlwaysName).ToHashSet();
        var compiled = policies.Select(p =>
        {
            var errors = new Validation();
            var policy = p.Definition.Compile(p.Name, names, errors);
            Assert.True(errors.IsValid, errors.Summary());
            return policy!;
        });
        return new SlaCatalog(compiled, calendars);
    }

    public static List<SlaFact> List(params SlaFact[] facts)
    {
        for (var i = 0; i < facts.Length; i++)
        {
            facts[i].Id = i + 1;
        }
        return [.. facts];
    }
}
