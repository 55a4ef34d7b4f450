using HelpDesk.Contracts;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HelpDesk.Sla.Tests.Facts;
using HelpDesk.Sla.Domain;
using HelpDesk.Sla.Infrastructure;

namespace HelpDesk.Sla.Tests;

public sealed class SlaServiceTests
{
    [Fact]
    public async Task Warnings_and_breach_are_raised_once_each_when_due_and_published()
    {
        var time = new FakeTimeProvider(T0);
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service, time: time);
        var ticket = Guid.NewGuid();
        await sla.PublishAsync(Submitted(ticket, T0));
        var view = await sla.WaitForTicketAsync(ticket, v => v.Clocks.Count == 2, "clocks to start");
        var firstResponse = view.Clocks.Single(c => c.Metric == SlaMetric.FirstResponse);
        Assert.Equal(T0.AddHours(1), firstResponse.DueAt);
        Assert.Equal(T0.AddMinutes(45), firstResponse.NextDueAt);

        time.Advance(TimeSpan.FromMinutes(44));
        time.Advance(TimeSpan.FromMinutes(2));
        var firings = await Eventually.GetAsync(async () => (await sla.FiringsAsync(ticket)) is { Count: 1 } f ? f : null, what: "the 75 % warning");
        Assert.Equal((SlaMetric.FirstResponse, 75, T0.AddMinutes(45)), (firings[0].Metric, firings[0].ThresholdPercent, firings[0].DueAt));

        time.Advance(TimeSpan.FromMinutes(10)); // 56 min: 90 % (54 min) is due
        await Eventually.TrueAsync(async () => (await sla.FiringsAsync(ticket)).Count == 2, what: "the 90 % warning");
        time.Advance(TimeSpan.FromMinutes(5)); // 61 min: breached
        await Eventually.TrueAsync(async () => (await sla.FiringsAsync(ticket)).Count == 3, what: "the breach");
        await Eventually.TrueAsync(() => Task.FromResult(sla.Recorder().Breaches.Count == 1 && sla.Recorder().Warnings.Count == 2), what: "events on the bus");

        var breach = Assert.Single(sla.Recorder().Breaches);
        Assert.Equal((ticket, SlaMetric.FirstResponse, "standard", T0.AddHours(1)), (breach.TicketId, breach.Metric, breach.Policy, breach.DueAt));
        Assert.Equal([75, 90], sla.Recorder().Warnings.Select(w => w.ThresholdPercent).ToArray());

        // Nothing more is due for the first-response clock: another scan raises nothing.
        var scanner = sla.GetRequiredService<SlaScanner>();
        Assert.Equal(0, (await scanner.ScanOnceAsync(TestContext.Current.CancellationToken)).Fired);
        view = (await sla.GetTicketAsync(ticket))!;
        var breached = view.Clocks.Single(c => c.Metric == SlaMetric.FirstResponse);
        Assert.True(breached.Breached);
        Assert.Null(breached.NextDueAt);
        Assert.Contains(view.Timeline, e => e.Kind == TimelineKind.Breached && e.Metric == SlaMetric.FirstResponse);
        Assert.Equal(2, view.Timeline.Count(e => e.Kind == TimelineKind.Warning));
        Assert.Equal(3, await sla.OutboxCountAsync<SlaWarningRaised>() + await sla.OutboxCountAsync<SlaBreached>());
    }

    [Fact]
    public async Task A_paused_clock_does_not_fire_and_the_due_time_moves_by_the_pause()
    {
        var time = new FakeTimeProvider(T0);
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service, time: time);
        var ticket = Guid.NewGuid();
        await sla.PublishAsync(Submitted(ticket, T0));
        await sla.PublishAsync(AgentReply(ticket, T0.AddMinutes(10), first: true));
        await sla.PublishAsync(Status(ticket, T0.AddHours(1), TicketStatus.InProgress, TicketStatus.PendingCustomer));
        var view = await sla.WaitForTicketAsync(ticket, v =>
            v.Clocks.Any(c => c.Metric == SlaMetric.Resolution && c.Status == ClockStatus.Paused) &&
            v.Clocks.Any(c => c.Metric == SlaMetric.FirstResponse && c.Status == ClockStatus.Met), "the first response and the pause");
        Assert.Null(view.Clocks.Single(c => c.Metric == SlaMetric.Resolution).NextDueAt);

        time.Advance(TimeSpan.FromHours(10));
        Assert.Equal(0, (await sla.GetRequiredService<SlaScanner>().ScanOnceAsync(TestContext.Current.CancellationToken)).Due);

        await sla.PublishAsync(Status(ticket, T0.AddHours(11), TicketStatus.PendingCustomer, TicketStatus.InProgress));
        view = await sla.WaitForTicketAsync(ticket, v => v.Clocks.Any(c => c.Metric == SlaMetric.Resolution && c.Status == ClockStatus.Running), "the resume");
        var resolution = view.Clocks.Single(c => c.Metric == SlaMetric.Resolution);
        // 1 h used before the pause, 3 h left from T0+11h.
        Assert.Equal(T0.AddHours(14), resolution.DueAt);
        Assert.Equal(TimeSpan.FromHours(10), resolution.PausedTime);
        Assert.Equal(TimeSpan.FromHours(1), resolution.ElapsedBusinessTime);
        Assert.Empty(await sla.FiringsAsync(ticket));
    }

    [Fact]
    public async Task After_a_restart_mid_clock_overdue_warnings_and_breach_are_raised_once()
    {
        using var data = new TempDirectory("helpdesk-sla-restart");
        var time = new FakeTimeProvider(T0);
        var ticket = Guid.NewGuid();
        await using (var first = await ServiceTestHost.StartAsync(SlaUnderTest.Service, dataDirectory: data.Path, time: time))
        {
            await first.PublishAsync(Submitted(ticket, T0));
            await first.WaitForTicketAsync(ticket, v => v.Clocks.Count == 2, "clocks to start");
        }

        time.Advance(TimeSpan.FromHours(5)); // the service was down past every threshold of both clocks
        await using (var second = await ServiceTestHost.StartAsync(SlaUnderTest.Service, dataDirectory: data.Path, time: time))
        {
            var firings = await Eventually.GetAsync(async () => (await second.FiringsAsync(ticket)) is { Count: 6 } f ? f : null, what: "all overdue thresholds");
            foreach (var metric in new[] { SlaMetric.FirstResponse, SlaMetric.Resolution })
            {
                Assert.Equal([75, 90, 100], firings.Where(f => f.Metric == metric).Select(f => f.ThresholdPercent).ToArray());
            }
            Assert.All(firings, f => Assert.Equal(T0.AddHours(5), f.FiredAt));
            Assert.Equal(T0.AddHours(4), firings.Single(f => f.Metric == SlaMetric.Resolution && f.ThresholdPercent == 100).DueAt);
            await Eventually.TrueAsync(() => Task.FromResult(second.Recorder().Breaches.Count == 2), what: "both breaches on the bus");
        }

        // A third start raises nothing again.
        await using var third = await ServiceTestHost.StartAsync(SlaUnderTest.Service, dataDirectory: data.Path, time: time);
        Assert.Equal(0, (await third.GetRequiredService<SlaScanner>().ScanOnceAsync(TestContext.Current.CancellationToken)).Due);
        Assert.Equal(6, (await third.FiringsAsync(ticket)).Count);
        Assert.Equal(4, await third.OutboxCountAsync<SlaWarningRaised>());
        Assert.Equal(2, await third.OutboxCountAsync<SlaBreached>());
    }

    [Fact]
    public async Task Two_scanners_racing_over_the_same_clocks_raise_each_threshold_once()
    {
        var time = new FakeTimeProvider(T0);
        var settings = new Dictionary<string, string?>(SlaUnderTest.TestPolicy) { ["Sla:Scanner:Enabled"] = "false", ["Sla:Scanner:BatchSize"] = "7" };
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service, settings, time: time);
        const int tickets = 40;
        var ids = Enumerable.Range(0, tickets).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            await sla.PublishAsync(Submitted(id, T0));
        }
        await Eventually.TrueAsync(() => sla.InScopeAsync(async s => await s.GetRequiredService<SlaDbContext>().Clocks.CountAsync() == tickets * 2), what: "all clocks");

        time.Advance(TimeSpan.FromHours(5));
        var scanners = new[]
        {
            ActivatorUtilities.CreateInstance<SlaScanner>(sla.Services),
            ActivatorUtilities.CreateInstance<SlaScanner>(sla.Services),
        };
        var fired = 0;
        while (true)
        {
            var results = await Task.WhenAll(scanners.Select(s => Task.Run(() => s.ScanOnceAsync(TestContext.Current.CancellationToken))));
            fired += results.Sum(r => r.Fired);
            if (results.All(r => r.Due == 0))
            {
                break;
            }
        }

        var firings = await sla.FiringsAsync();
        Assert.Equal(tickets * 2 * 3, firings.Count);
        Assert.Equal(firings.Count, fired);
        Assert.Equal(firings.Count, firings.Select(f => (f.ClockId, f.Cycle, f.ThresholdPercent)).Distinct().Count());
        Assert.Equal(tickets * 2 * 2, await sla.OutboxCountAsync<SlaWarningRaised>());
        Assert.Equal(tickets * 2, await sla.OutboxCountAsync<SlaBreached>());
    }

    [Fact]
    public async Task Redelivered_and_duplicated_events_change_nothing()
    {
        var time = new FakeTimeProvider(T0);
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service, time: time);
        var ticket = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        await sla.PublishAsync(Submitted(ticket, T0), messageId);
        await sla.PublishAsync(Submitted(ticket, T0), messageId);
        var pause = Status(ticket, T0.AddHours(1), TicketStatus.InProgress, TicketStatus.PendingCustomer);
        await sla.PublishAsync(pause);
        await sla.PublishAsync(pause); // the same fact under another message id
        await sla.PublishAsync(Status(ticket, T0.AddHours(2), TicketStatus.PendingCustomer, TicketStatus.InProgress));

        var view = await sla.WaitForTicketAsync(ticket, v => v.Timeline.Any(e => e.Kind == TimelineKind.Resumed), "the resume");
        var facts = await sla.InScopeAsync(s => s.GetRequiredService<SlaDbContext>().Facts.CountAsync(f => f.TicketId == ticket));
        Assert.Equal(3, facts);
        Assert.Equal(2, view.Timeline.Count(e => e.Kind == TimelineKind.Started));
        Assert.Equal(2, view.Timeline.Count(e => e.Kind == TimelineKind.Paused));
        Assert.Equal(TimeSpan.FromHours(1), view.Clocks.Single(c => c.Metric == SlaMetric.Resolution).PausedTime);
    }

    [Fact]
    public async Task Routing_to_a_stricter_policy_moves_the_due_time_and_keeps_the_pause()
    {
        var time = new FakeTimeProvider(T0);
        var settings = new Dictionary<string, string?>(SlaUnderTest.TestPolicy)
        {
            ["Sla:Policies:network-critical:Priorities:0"] = "Critical",
            ["Sla:Policies:network-critical:Queues:0"] = "network",
            ["Sla:Policies:network-critical:Resolution"] = "02:00:00",
            ["Sla:Policies:network-critical:WarningThresholds:0"] = "50",
        };
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service, settings, time: time);
        var ticket = Guid.NewGuid();
        await sla.PublishAsync(Submitted(ticket, T0));
        await sla.PublishAsync(Status(ticket, T0.AddMinutes(10), TicketStatus.New, TicketStatus.PendingCustomer));
        await sla.PublishAsync(Status(ticket, T0.AddMinutes(40), TicketStatus.PendingCustomer, TicketStatus.InProgress));
        await sla.PublishAsync(Routed(ticket, T0.AddMinutes(50), "network", TicketPriority.Critical));

        // Events travel on separate queues: wait until the pause, the resume and the policy change are all applied.
        var view = await sla.WaitForTicketAsync(ticket, v => v.Policy == "network-critical" && v.Timeline.Any(e => e.Kind == TimelineKind.Resumed), "the policy change and the resume");
        var resolution = view.Clocks.Single(c => c.Metric == SlaMetric.Resolution);
        Assert.Equal("network-critical", resolution.Policy);
        Assert.Equal(TimeSpan.FromMinutes(30), resolution.PausedTime);
        // 20 min used before routing; 2 h target → 100 min left from T0+50 min; 50 % (60 min) is reached at T0+90 min.
        Assert.Equal(T0.AddMinutes(150), resolution.DueAt);
        Assert.Equal(T0.AddMinutes(90), resolution.NextDueAt);
        Assert.Equal(50, resolution.NextThreshold);
        Assert.Equal(ClockStatus.Stopped, view.Clocks.Single(c => c.Metric == SlaMetric.FirstResponse).Status);
        Assert.Contains(view.Timeline, e => e.Kind == TimelineKind.PolicyChanged);
    }
}
