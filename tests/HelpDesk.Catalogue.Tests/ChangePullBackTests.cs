using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Routing.Domain;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Catalogue.Tests;

/// <summary>
/// A change pulled back from AwaitingApproval to Assessment closes its open round; the ticket's version orders the
/// pull-back against a quick re-submission whichever arrives first.
/// </summary>
public sealed class ChangePullBackTests(PostgresFixture postgres, RabbitMqFixture rabbit)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> Directory = new() { ["Routing:Approvals:Groups:change-managers:0"] = "cm@example.org" };

    [Theory]
    [MemberData(nameof(Stacks.Each), MemberType = typeof(Stacks))]
    public async Task Events_out_of_order_leave_exactly_the_round_of_the_newest_version_open(Stack stack)
    {
        await using var host = await CatalogueHost.StartAsync(stack, postgres, rabbit, Directory);
        var bus = host.Host.GetRequiredService<IBus>();
        var now = DateTimeOffset.UtcNow;
        var id = Guid.NewGuid();
        var number = $"HD-{Random.Shared.Next(100000, 999999)}";
        ChangeApprovalRequested Requested(long version) => new(id, number, ChangeRisk.Low, null, null, "Patch the VPN concentrator", "noc@example.org", now, "en", version);
        ChangeApprovalWithdrawn PulledBack(long version) => new(id, number, version, "agent-7", "scope changed", now);

        // Asked at version 3, pulled back at 4: the round is withdrawn, its link dies.
        await bus.Publish(Requested(3), Cancel);
        var first = await Eventually.GetAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(id)).SingleOrDefault(), what: "first round asked");
        await bus.Publish(PulledBack(4), Cancel);
        await Eventually.TrueAsync(() => StatusesAsync(host, id, ApprovalStatus.Withdrawn), what: "round withdrawn on pull-back");
        Assert.Equal(HttpStatusCode.Gone, (await host.Client.PostAsync(new Uri(first.ApproveUrl!).AbsolutePath, null, Cancel)).StatusCode);

        // Pulled back again (6) and re-submitted (7), but the re-submission arrives first: the late pull-back leaves it open.
        await bus.Publish(Requested(7), Cancel);
        await Eventually.TrueAsync(() => StatusesAsync(host, id, ApprovalStatus.Pending, ApprovalStatus.Withdrawn), what: "second round asked");
        await bus.Publish(PulledBack(6), Cancel);
        await Eventually.TrueAsync(() => ConsumedAsync(host, "CloseChangeApprovalRound", 2), what: "late pull-back consumed");
        // A request older than everything applied (5) arrives last: it starts nothing.
        await bus.Publish(Requested(5), Cancel);
        await Eventually.TrueAsync(() => ConsumedAsync(host, "StartChangeApproval", 3), what: "stale request consumed");

        Assert.True(await StatusesAsync(host, id, ApprovalStatus.Pending, ApprovalStatus.Withdrawn));
        Assert.Equal(2, (await host.RoutingEventsAsync<TicketApprovalRequested>(id)).Count);
        Assert.Equal(HttpStatusCode.OK, (await host.DecideAsync(id, "approve", "cm@example.org")).StatusCode);
        Assert.True(Assert.Single(await host.RoutingEventsAsync<TicketApprovalDecided>(id)).Approved);

        // Another change: its pull-back (2) overtakes its request (1), which then opens no round at all.
        var other = Guid.NewGuid();
        await bus.Publish(PulledBack(2) with { TicketId = other }, Cancel);
        await Eventually.TrueAsync(() => ConsumedAsync(host, "CloseChangeApprovalRound", 3), what: "early pull-back consumed");
        await bus.Publish(Requested(1) with { TicketId = other }, Cancel);
        await Eventually.TrueAsync(() => ConsumedAsync(host, "StartChangeApproval", 4), what: "overtaken request consumed");
        Assert.Empty(await host.RoutingAsync(db => db.ApprovalRequests.AsNoTracking().Where(r => r.TicketId == other).ToListAsync()));
        Assert.Empty(await host.RoutingEventsAsync<TicketApprovalRequested>(other));
    }

    [Fact]
    public async Task Intake_pulling_a_change_back_withdraws_its_round_and_asking_again_opens_a_new_one()
    {
        await using var host = await CatalogueHost.StartAsync(Stack.SqliteInMemory, postgres, rabbit, Directory);
        var id = await host.SubmitChangeAsync();

        await host.TransitionAsync(id, "Assessment");
        await host.TransitionAsync(id, "AwaitingApproval");
        await Eventually.TrueAsync(() => StatusesAsync(host, id, ApprovalStatus.Pending), what: "round opened");
        await host.TransitionAsync(id, "Assessment");
        await Eventually.TrueAsync(() => StatusesAsync(host, id, ApprovalStatus.Withdrawn), what: "round withdrawn");
        await host.TransitionAsync(id, "AwaitingApproval");
        await Eventually.TrueAsync(() => StatusesAsync(host, id, ApprovalStatus.Pending, ApprovalStatus.Withdrawn), what: "new round opened");

        var versions = (await host.IntakeEventsAsync<ChangeApprovalRequested>(id)).Select(e => e.TicketVersion).ToList();
        var pullBack = Assert.Single(await host.IntakeEventsAsync<ChangeApprovalWithdrawn>(id));
        Assert.Equal(2, versions.Count);
        Assert.True(versions[0] < pullBack.TicketVersion && pullBack.TicketVersion < versions[1], $"{versions[0]} < {pullBack.TicketVersion} < {versions[1]}");
        Assert.Equal(2, (await host.RoutingEventsAsync<TicketApprovalRequested>(id)).Count);
    }

    private static Task<bool> StatusesAsync(CatalogueHost host, Guid ticketId, params ApprovalStatus[] expected) =>
        host.RoutingAsync(async db => (await db.ApprovalRequests.AsNoTracking().Where(r => r.TicketId == ticketId).Select(r => r.Status).ToListAsync())
            .Order().SequenceEqual(expected.Order()));

    private static Task<bool> ConsumedAsync(CatalogueHost host, string consumer, int count) =>
        host.RoutingAsync(async db => await db.InboxMessages.AsNoTracking().CountAsync(m => m.Consumer == consumer) == count);
}
