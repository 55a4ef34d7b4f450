using System.Text;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;

namespace HelpDesk.Foundation.Tests;

/// <summary>
/// The replay window on the consumer side, over a real RabbitMQ: an operator re-dispatches an outbox row whose message
/// was handled longer ago than the inbox retention (its inbox row is gone, as the cleanup deletes it). The consumer
/// must not apply it a second time: it is refused, dead-lettered with the reason, and logged; a recent replay is still
/// recognised by its inbox row, and new messages flow.
/// </summary>
public sealed class ReplayWindowTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    private const string Queue = "record-ledger-event";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_replay_older_than_the_inbox_retention_is_dead_lettered_with_the_reason_instead_of_applied_twice(string provider)
    {
        var broker = await rabbit.CreateVirtualHostAsync();
        var settings = await LedgerUnderTest.SettingsAsync(provider, postgres, broker);
        settings["HelpDesk:Outbox:Retention"] = Window.ToString();
        var log = new LedgerLog();
        await using var host = await ServiceTestHost.StartAsync(LedgerUnderTest.Service(log: log), settings);
        var old = new LedgerEvent(Guid.NewGuid(), 1);
        var recent = new LedgerEvent(Guid.NewGuid(), 2);
        await LedgerUnderTest.PublishAsync(host, old, recent);
        await Eventually.TrueAsync(() => Task.FromResult(log.Applied.Count == 2), what: "both events handled once");

        // Time passes for the first one: written 11 minutes ago, handled then, its inbox row deleted by the cleanup.
        await LedgerUnderTest.QueryAsync(host, async db =>
        {
            var row = await db.OutboxMessages.SingleAsync(m => m.Sequence == db.OutboxMessages.Min(o => o.Sequence), Ct);
            row.CreatedAt = DateTimeOffset.UtcNow - Window - TimeSpan.FromMinutes(1);
            await db.SaveChangesAsync(Ct);
            return await db.InboxMessages.Where(i => i.MessageId == row.MessageId).ExecuteDeleteAsync(Ct);
        });
        // The operator re-dispatches both (docs/operations.md, "Replaying messages").
        await LedgerUnderTest.QueryAsync(host, db => db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, (DateTimeOffset?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), Ct));

        var faultMessage = await Eventually.GetAsync(() => FirstFaultMessageAsync(broker, Queue + "_error"), TimeSpan.FromSeconds(60), "the refused replay in the error queue");
        Assert.Contains("inbox retention", faultMessage, StringComparison.Ordinal);
        Assert.Contains("HelpDesk:Outbox:InboxRetention", faultMessage, StringComparison.Ordinal);
        // The recent one was recognised by its inbox row (a duplicate, dropped); nothing was applied twice.
        await Eventually.TrueAsync(() => LedgerUnderTest.QueryAsync(host, async db => !await db.OutboxMessages.AnyAsync(m => m.DispatchedAt == null, Ct)), what: "both rows re-dispatched");
        await Eventually.TrueAsync(async () => await RabbitMqFixture.CountMessagesAsync(broker, Queue) == 0, what: "the queue drained");
        Assert.Equal(2, log.Applied.Count);
        Assert.Equal(2, await LedgerUnderTest.QueryAsync(host, db => db.Entries.CountAsync(Ct)));
        Assert.Equal(1u, await RabbitMqFixture.CountMessagesAsync(broker, Queue + "_error"));
        Assert.Equal(2, log.Deliveries);

        // New messages still flow.
        await LedgerUnderTest.PublishAsync(host, new LedgerEvent(Guid.NewGuid(), 3));
        await Eventually.TrueAsync(() => Task.FromResult(log.Applied.Count == 3), what: "a new event after the refusal");
    }

    /// <summary>MassTransit's fault reason (MT-Fault-Message header) of the first message in a queue, left in place.</summary>
    private static async Task<string?> FirstFaultMessageAsync(string connectionString, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        try
        {
            var message = await channel.BasicGetAsync(queue, autoAck: false, Ct);
            if (message is null)
            {
                return null;
            }
            await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true, Ct);
            return message.BasicProperties.Headers?.TryGetValue("MT-Fault-Message", out var value) == true && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : "";
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null;
        }
    }
}
