using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Foundation.Tests;

/// <summary>The outbox and the retry/error policy over a real RabbitMQ broker.</summary>
public sealed class RabbitMqMessagingTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    [Fact]
    public async Task A_poison_message_ends_in_the_error_queue_after_its_retries()
    {
        var broker = await rabbit.CreateVirtualHostAsync();
        var settings = await LedgerUnderTest.SettingsAsync("sqlite", postgres, broker);
        settings["HelpDesk:Messaging:Retry:Limit"] = "2";
        settings["HelpDesk:Messaging:Retry:MinInterval"] = "00:00:00.010";
        settings["HelpDesk:Messaging:Retry:MaxInterval"] = "00:00:00.050";
        settings["HelpDesk:Messaging:Retry:IntervalDelta"] = "00:00:00.010";
        var log = new LedgerLog();
        await using var host = await ServiceTestHost.StartAsync(LedgerUnderTest.Service(failing: true, log: log), settings);

        await LedgerUnderTest.PublishAsync(host, new LedgerEvent(Guid.NewGuid(), 13));

        await Eventually.TrueAsync(async () => await RabbitMqFixture.CountMessagesAsync(broker, "always-failing-ledger_error") == 1,
            what: "the poison message in always-failing-ledger_error");
        Assert.Equal(3, log.Deliveries); // the first attempt and two retries
        Assert.Equal(0u, await RabbitMqFixture.CountMessagesAsync(broker, "always-failing-ledger"));
    }

    [Fact]
    public async Task Outbox_rows_wait_while_the_broker_is_down_and_flow_once_it_is_back()
    {
        await using var node = await PrivateRabbitMqNode.StartAsync();
        var settings = await LedgerUnderTest.SettingsAsync("postgres", postgres, node.ConnectionString);
        settings["HelpDesk:Outbox:PublishTimeout"] = "00:00:02";
        await using var host = await ServiceTestHost.StartAsync(LedgerUnderTest.Service(), settings);
        var log = host.GetRequiredService<LedgerLog>();
        var warmUp = new LedgerEvent(Guid.NewGuid(), 0);
        await LedgerUnderTest.PublishAsync(host, warmUp);
        await Eventually.TrueAsync(() => Task.FromResult(log.Applied.Count == 1), what: "the first event over the broker");

        await node.StopAsync();
        var whileDown = Enumerable.Range(1, 3).Select(n => new LedgerEvent(Guid.NewGuid(), n)).ToArray();
        foreach (var evt in whileDown)
        {
            await LedgerUnderTest.PublishAsync(host, evt);
        }

        // The dispatcher tried and failed: the rows are still there, undispatched, with the broker's error.
        var waiting = await Eventually.GetAsync(async () =>
        {
            var rows = await LedgerUnderTest.QueryAsync(host, db => db.OutboxMessages.AsNoTracking().Where(m => m.DispatchedAt == null).OrderBy(m => m.Sequence).ToListAsync());
            return rows.Count == 3 && rows[0].Attempts > 0 ? rows : null;
        }, what: "a failed publish attempt while the broker is down");
        Assert.NotNull(waiting[0].LastError);
        Assert.Single(log.Applied);

        await node.RestartAsync();

        await Eventually.TrueAsync(() => Task.FromResult(log.Applied.Count == 4), TimeSpan.FromSeconds(120), "the waiting events after the broker came back");
        // Each exactly once. The outbox published them in sequence order; delivery order across a broker restart is
        // not guaranteed (a message in flight during the reconnection is redelivered after later ones).
        Assert.Equal([0, 1, 2, 3], log.Applied.Select(e => e.Number).Order());
        var dispatched = await LedgerUnderTest.DispatchedRowsAsync(host);
        Assert.Equal(dispatched.Select(r => r.DispatchedAt), dispatched.Select(r => r.DispatchedAt).Order());
    }
}
