using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Intake.Tests;

/// <summary>The Change state machine, and the approval engine's decision as the only way out of AwaitingApproval.</summary>
public sealed class ChangeLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TicketResponse> MoveAsync(ServiceTestHost host, Guid id, TicketStatus to)
    {
        var response = await host.TransitionAsync(id, to);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct))!;
    }

    private static object NewChange() => ChangePlanTests.NewChange(ChangePlanTests.Plan());

    [Fact]
    public async Task A_change_goes_through_assessment_approval_schedule_implementation_and_review()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var change = await host.SubmitAsync(NewChange());
        await MoveAsync(host, change.Id, TicketStatus.Assessment);
        await MoveAsync(host, change.Id, TicketStatus.AwaitingApproval);

        var bypass = await host.TransitionAsync(change.Id, TicketStatus.Scheduled);
        Assert.Equal(HttpStatusCode.Conflict, bypass.StatusCode);
        Assert.Contains("approvers' decision", (await bypass.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        await host.Services.GetRequiredService<IBus>().Publish(
            new TicketApprovalDecided(change.Id, change.Number, Approved: true, "cab", DateTimeOffset.UtcNow, "CAB approved"), Ct);
        await Eventually.TrueAsync(async () => (await host.GetTicketAsync(change.Id)).Status == TicketStatus.Scheduled, what: "the change scheduled");

        await MoveAsync(host, change.Id, TicketStatus.Implementing);
        await MoveAsync(host, change.Id, TicketStatus.Review);
        var closed = await MoveAsync(host, change.Id, TicketStatus.Closed);
        Assert.NotNull(closed.ClosedAt);

        var events = await host.OutboxFor(change.Id);
        var moves = events.Where(e => e.Type == "TicketStatusChanged").Select(e => e.Body.GetProperty("to").GetString()).ToList();
        Assert.Equal(["Assessment", "AwaitingApproval", "Scheduled", "Implementing", "Review", "Closed"], moves);
        Assert.Equal("cab", events.Single(e => e.Type == "TicketStatusChanged" && e.Body.GetProperty("to").GetString() == "Scheduled").Body.GetProperty("changedBy").GetString());
        Assert.Single(events, e => e.Type == "TicketClosed");
    }

    [Fact]
    public async Task A_rejected_change_can_be_reworked_and_a_cancelled_one_is_final_and_closed()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var change = await host.SubmitAsync(NewChange());
        Assert.Equal(HttpStatusCode.Conflict, (await host.TransitionAsync(change.Id, TicketStatus.InProgress)).StatusCode);
        await MoveAsync(host, change.Id, TicketStatus.Assessment);
        await MoveAsync(host, change.Id, TicketStatus.AwaitingApproval);
        await host.Services.GetRequiredService<IBus>().Publish(
            new TicketApprovalDecided(change.Id, change.Number, Approved: false, "cab", DateTimeOffset.UtcNow, "too risky on a Friday"), Ct);
        await Eventually.TrueAsync(async () => (await host.GetTicketAsync(change.Id)).Status == TicketStatus.Rejected, what: "the change rejected");
        await MoveAsync(host, change.Id, TicketStatus.Assessment);
        var cancelled = await MoveAsync(host, change.Id, TicketStatus.Cancelled);
        Assert.NotNull(cancelled.ClosedAt);
        Assert.Equal(HttpStatusCode.Conflict, (await host.TransitionAsync(change.Id, TicketStatus.Assessment)).StatusCode);
        Assert.Single(await host.OutboxFor(change.Id), e => e.Type == "TicketClosed");
    }

    [Fact]
    public async Task A_decision_for_an_incident_or_a_change_no_longer_waiting_changes_nothing()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var change = await host.SubmitAsync(NewChange());
        await MoveAsync(host, change.Id, TicketStatus.Assessment);
        var incident = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        var bus = host.Services.GetRequiredService<IBus>();
        await bus.Publish(new TicketApprovalDecided(change.Id, change.Number, true, "cab", DateTimeOffset.UtcNow), Ct);
        await bus.Publish(new TicketApprovalDecided(incident.Id, incident.Number, true, "cab", DateTimeOffset.UtcNow), Ct);
        // A marker message consumed after both decisions: the decisions were handled by then.
        await bus.Publish(new TicketRouted(incident.Id, incident.Number, "network", "Network", "marker", DateTimeOffset.UtcNow), Ct);
        await Eventually.TrueAsync(async () => (await host.GetTicketAsync(incident.Id)).Queue == "network", what: "the marker");
        await Eventually.TrueAsync(async () => await host.InboxCountAsync() >= 3, what: "both decisions consumed");
        Assert.Equal(TicketStatus.Assessment, (await host.GetTicketAsync(change.Id)).Status);
        Assert.Equal(TicketStatus.New, (await host.GetTicketAsync(incident.Id)).Status);
    }
}
