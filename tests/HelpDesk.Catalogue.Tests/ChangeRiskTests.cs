using System.Net;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;

namespace HelpDesk.Catalogue.Tests;

/// <summary>
/// A change's declared risk, not its impact, picks its approval stages: planned in Intake over HTTP, carried in
/// ChangeApprovalRequested through the broker, staged by Routing's engine (CAB all-of for high risk).
/// </summary>
public sealed class ChangeRiskTests(PostgresFixture postgres, RabbitMqFixture rabbit)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = CatalogueHost.ChangeWindowStart;

    private static readonly Dictionary<string, string?> Directory = new()
    {
        ["Routing:Approvals:Groups:change-managers:0"] = "cm@example.org",
        ["Routing:Approvals:Groups:cab:0"] = "cab1@example.org",
        ["Routing:Approvals:Groups:cab:1"] = "cab2@example.org",
    };

    [Theory]
    [MemberData(nameof(Stacks.Each), MemberType = typeof(Stacks))]
    public async Task A_change_goes_to_the_cab_because_of_its_declared_risk_not_its_impact(Stack stack)
    {
        await using var host = await CatalogueHost.StartAsync(stack, postgres, rabbit, Directory);
        var risky = await host.SubmitChangeAsync(risk: "High", impact: "Low");
        var routine = await host.SubmitChangeAsync(risk: "Low", impact: "High");
        foreach (var id in new[] { risky, routine })
        {
            await host.TransitionAsync(id, "Assessment");
            await host.TransitionAsync(id, "AwaitingApproval");
        }

        // Low impact, declared high risk: the change manager, then every CAB member.
        var asked = await Eventually.GetAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(risky)).SingleOrDefault(), what: "change manager asked");
        Assert.Equal(("cm@example.org", "change-manager"), (asked.ApproverEmail, asked.StageName));
        Assert.Contains("[High risk, 2026-12-05 22:00–23:30 UTC]", asked.Subject, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.DecideAsync(risky, "approve", "cm@example.org")).StatusCode);
        var cab = await Eventually.GetAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(risky)).Where(e => e.StageName == "cab").ToList() is { Count: 2 } seats ? seats : null,
            what: "CAB asked");
        Assert.Equal(["cab1@example.org", "cab2@example.org"], cab.Select(e => e.ApproverEmail).Order());
        Assert.Equal(HttpStatusCode.OK, (await host.DecideAsync(risky, "approve", "cab1@example.org")).StatusCode);
        Assert.Equal("AwaitingApproval", (await host.TicketAsync(risky)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await host.DecideAsync(risky, "approve", "cab2@example.org")).StatusCode);
        await host.TicketInStatusAsync(risky, "Scheduled");

        // High impact, declared low risk: the change manager alone decides; no CAB seat is ever asked.
        await Eventually.TrueAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(routine)).Count == 1, what: "routine change asked");
        Assert.Equal(HttpStatusCode.OK, (await host.DecideAsync(routine, "approve", "cm@example.org")).StatusCode);
        await host.TicketInStatusAsync(routine, "Scheduled");
        var requests = await host.RoutingEventsAsync<TicketApprovalRequested>(routine);
        Assert.Equal(["change-manager"], requests.Select(e => e.StageName));
        Assert.True(Assert.Single(await host.RoutingEventsAsync<TicketApprovalDecided>(routine)).Approved);
        Assert.Single(await host.RoutingEventsAsync<TicketApprovalDecided>(risky));

        var carried = (await host.IntakeEventsAsync<ChangeApprovalRequested>()).ToDictionary(e => e.TicketId);
        Assert.Equal((ChangeRisk.High, Start, Start.AddMinutes(90)), (carried[risky].Risk, carried[risky].ScheduledStart, carried[risky].ScheduledEnd));
        Assert.Equal(ChangeRisk.Low, carried[routine].Risk);
    }
}
