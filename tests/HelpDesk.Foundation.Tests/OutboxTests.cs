using HelpDesk.Messaging.Outbox;
using MassTransit;
using HelpDesk.Testing;
using HelpDesk.Testing.Stacks;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Foundation.Tests;

/// <summary>The durable outbox and the idempotent inbox on both database providers (in-memory bus).</summary>
public sealed class OutboxTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Committed_events_are_published_once_each_in_commit_order(string provider)
    {
        await using var host = await ServiceTestHost.StartAsync(LedgerUnderTest.Service(), await LedgerUnderTest.SettingsAsync(provider, postgres));
        var log = host.GetRequiredService<LedgerLog>();

        var events = Enumerable.Range(1, 30).Select(n => new LedgerEvent(Guid.NewGuid(), n)).ToArray();
        foreach (var chunk in events.Chunk(3))
        {
            await LedgerUnderTest.PublishAsync(host, chunk);
        }

        await Eventually.TrueAsync(() => Task.FromResult(log.Applied.Count >= events.Length), what: "all events to be consumed");
        // Each once. The in-memory transport also delivers them in the order the outbox published them; over RabbitMQ
        // the publishes of one batch are in flight together and MassTransit's send pipeline may put them on the wire
        // in another order (seen: 3, 2, 1), which docs/foundation.md says consumers must not rely on.
        Assert.Equal(events.Select(e => e.Number), log.Applied.Select(e => e.Number).Order());
        if (!TestStack.IsPostgresRabbitMq)
        {
            Assert.Equal(events.Select(e => e.Number), log.Applied.Select(e => e.Number));
        }
        // What the outbox itself orders: rows by commit (sequence), each marked dispatched no earlier than the one before.
        var rows = await LedgerUnderTest.DispatchedRowsAsync(host);
        Assert.Equal(rows.Select(r => r.DispatchedAt), rows.Select(r => r.DispatchedAt).Order());
        Assert.Equal(events.Length, await LedgerUnderTest.QueryAsync(host, db => db.Entries.CountAsync()));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_published_batch_is_marked_dispatched_with_the_next_claim_or_at_stop(string provider)
    {
        using var data = new TempDirectory("helpdesk-outbox-mark");
        var settings = await LedgerUnderTest.SettingsAsync(provider, postgres);
        // Long enough that, when the test looks, only the next claim (or the stop) can have written the mark.
        settings["HelpDesk:Outbox:MarkDelay"] = "00:00:25";
        var warmUp = new LedgerEvent(Guid.NewGuid(), 0);
        var first = new LedgerEvent(Guid.NewGuid(), 1);
        var second = new LedgerEvent(Guid.NewGuid(), 2);
        await using (var host = await ServiceTestHost.StartAsync(LedgerUnderTest.Service(), settings, data.Path))
        {
            var log = host.GetRequiredService<LedgerLog>();
            // Once the warm-up event is consumed, the dispatcher waits with its batch's mark pending; no claim (the one at
            // start, a poll) can be running when the next row commits. A row committing while a claim waits for the
            // writer is taken by that claim, and its wake-up then starts a claim that finds nothing but writes the mark.
            await LedgerUnderTest.PublishAsync(host, warmUp);
            await Eventually.TrueAsync(() => Task.FromResult(!log.Applied.IsEmpty), what: "the warm-up event consumed");

            await LedgerUnderTest.PublishAsync(host, first);
            await Eventually.TrueAsync(() => Task.FromResult(log.Applied.Count >= 2), what: "the first event consumed");
            var afterFirst = await LedgerUnderTest.OutboxRowsAsync(host);
            Assert.Equal(2, afterFirst.Count);
            Assert.NotNull(afterFirst[0].DispatchedAt); // the warm-up's batch, marked by the claim that took the first row
            Assert.Null(afterFirst[1].DispatchedAt);
            Assert.NotNull(afterFirst[1].LockedUntil); // still claimed: no replica takes it meanwhile

            await LedgerUnderTest.PublishAsync(host, second);
            await Eventually.TrueAsync(() => Task.FromResult(log.Applied.Count >= 3), what: "the second event consumed");
            var afterSecond = await LedgerUnderTest.OutboxRowsAsync(host);
            Assert.Equal(3, afterSecond.Count);
            Assert.NotNull(afterSecond[1].DispatchedAt); // marked by the claim that took the second row
            Assert.Null(afterSecond[1].LockedUntil);
            Assert.Null(afterSecond[2].DispatchedAt);
            Assert.Equal([warmUp.Number, first.Number, second.Number], log.Applied.Select(e => e.Number));
        }

        // Stopping marks the last batch, so the next start does not publish it again.
        await using (var restarted = await ServiceTestHost.StartAsync(LedgerUnderTest.Service(), settings, data.Path))
        {
            var rows = await LedgerUnderTest.OutboxRowsAsync(restarted);
            Assert.All(rows, row => Assert.NotNull(row.DispatchedAt));
            Assert.Equal(3, rows.Count);
            Assert.Empty(restarted.GetRequiredService<LedgerLog>().Applied);
        }
    }

    [Fact]
    public async Task On_sqlite_a_wake_up_for_rows_the_claim_already_took_does_not_write_its_mark_early()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory("helpdesk-outbox-stale-wake-up");
        var settings = await LedgerUnderTest.SettingsAsync("sqlite", postgres);
        settings["HelpDesk:Outbox:MarkDelay"] = "00:00:25";
        await using var host = await ServiceTestHost.StartAsync(LedgerUnderTest.Service(), settings, data.Path);
        var log = host.GetRequiredService<LedgerLog>();
        await LedgerUnderTest.PublishAsync(host, new LedgerEvent(Guid.NewGuid(), 0));
        await Eventually.TrueAsync(() => Task.FromResult(!log.Applied.IsEmpty), what: "the warm-up event consumed");

        // The next event commits while a claim waits for SQLite's writer: the test's transaction holds the writer, a
        // wake-up (standing for another commit's) starts the claim, then the event commits and wakes the dispatcher again.
        await host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LedgerDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var row = OutboxExtensions.PublishEvent(db, new LedgerEvent(Guid.NewGuid(), 1));
            await db.SaveChangesAsync(ct);
            host.GetRequiredService<OutboxSignal<LedgerDbContext>>().Notify(row.Sequence);
            await Task.Delay(300, ct);
            await transaction.CommitAsync(ct);
            return row.Sequence;
        });
        await Eventually.TrueAsync(() => Task.FromResult(log.Applied.Count >= 2), what: "the event consumed");

        // The claim took the event and marked the warm-up's batch. The event's own wake-up announced nothing newer, so
        // no claim follows to find nothing and mark the event's batch before its delay; a second wait lets one show.
        await Task.Delay(1000, ct);
        var rows = await LedgerUnderTest.OutboxRowsAsync(host);
        Assert.Equal(2, rows.Count);
        Assert.NotNull(rows[0].DispatchedAt);
        Assert.Null(rows[1].DispatchedAt);
        Assert.NotNull(rows[1].LockedUntil);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_transaction_that_does_not_commit_publishes_nothing(string provider)
    {
        await using var host = await ServiceTestHost.StartAsync(LedgerUnderTest.Service(), await LedgerUnderTest.SettingsAsync(provider, postgres));
        var log = host.GetRequiredService<LedgerLog>();
        var rolledBack = new LedgerEvent(Guid.NewGuid(), 1);
        var failedSave = new LedgerEvent(Guid.NewGuid(), 2);
        var committed = new LedgerEvent(Guid.NewGuid(), 3);

        await host.InScopeAsync<int>(async services =>
        {
            var db = services.GetRequiredService<LedgerDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Entries.Add(new LedgerEntry { EventId = rolledBack.Id, Number = 1 });
            db.PublishEvent(rolledBack);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        await host.InScopeAsync<int>(async services =>
        {
            var db = services.GetRequiredService<LedgerDbContext>();
            db.Entries.Add(new LedgerEntry { Id = 4242, EventId = Guid.NewGuid(), Number = 0 });
            return await db.SaveChangesAsync();
        });
        // The database rejects the second row with the same key: SaveChanges fails and its event must not leave.
        await Assert.ThrowsAsync<DbUpdateException>(() => host.InScopeAsync<int>(async services =>
        {
            var db = services.GetRequiredService<LedgerDbContext>();
            db.PublishEvent(failedSave);
            db.Entries.Add(new LedgerEntry { Id = 4242, EventId = failedSave.Id, Number = 2 });
            return await db.SaveChangesAsync();
        }));
        await LedgerUnderTest.PublishAsync(host, committed);

        // The outbox publishes in sequence order, so once the later event arrived the earlier ones had their chance.
        await Eventually.TrueAsync(() => Task.FromResult(log.Applied.Any(e => e.Id == committed.Id)), what: "the committed event");
        Assert.DoesNotContain(log.Applied, e => e.Id == rolledBack.Id || e.Id == failedSave.Id);
        Assert.Equal(1, await LedgerUnderTest.QueryAsync(host, db => db.OutboxMessages.CountAsync()));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Concurrent_copies_of_one_message_have_one_effect(string provider)
    {
        await using var host = await ServiceTestHost.StartAsync(LedgerUnderTest.Service(concurrency: 8), await LedgerUnderTest.SettingsAsync(provider, postgres));
        var log = host.GetRequiredService<LedgerLog>();
        var bus = host.GetRequiredService<MassTransit.IBus>();
        var finished = new DeliveryCounter();
        using var observer = bus.ConnectConsumeObserver(finished);
        var evt = new LedgerEvent(Guid.NewGuid(), 7);
        var messageId = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bus.Publish(evt, c => c.MessageId = messageId)));

        await Eventually.TrueAsync(() => Task.FromResult(finished.Count >= 8), what: "all eight copies to be consumed");
        Assert.Equal(1, await LedgerUnderTest.QueryAsync(host, db => db.Entries.CountAsync(e => e.EventId == evt.Id)));
        Assert.Equal(1, await LedgerUnderTest.QueryAsync(host, db => db.InboxMessages.CountAsync(m => m.MessageId == messageId)));
        // The handler itself ran once: the other copies found the inbox row (or, on PostgreSQL, waited on it) first.
        Assert.Equal(1, log.Deliveries);
        Assert.Single(log.Applied);
        Assert.Equal(0, finished.Faults);
    }

    [Fact]
    public async Task A_row_that_can_never_be_published_is_parked_and_does_not_block_the_rows_behind_it()
    {
        await using var host = await ServiceTestHost.StartAsync(LedgerUnderTest.Service(), await LedgerUnderTest.SettingsAsync("sqlite", postgres));
        var log = host.GetRequiredService<LedgerLog>();
        var after = new LedgerEvent(Guid.NewGuid(), 2);
        await host.InScopeAsync<int>(async services =>
        {
            var db = services.GetRequiredService<LedgerDbContext>();
            db.OutboxMessages.Add(new OutboxMessage { MessageId = Guid.NewGuid(), MessageType = "HelpDesk.Gone.Event, HelpDesk.Gone", Body = "{}" });
            db.PublishEvent(after);
            return await db.SaveChangesAsync();
        });

        await Eventually.TrueAsync(() => Task.FromResult(log.Applied.Any(e => e.Id == after.Id)), what: "the event behind the unreadable row");
        var parked = await LedgerUnderTest.QueryAsync(host, db => db.OutboxMessages.SingleAsync(m => m.MessageType.StartsWith("HelpDesk.Gone")));
        Assert.Null(parked.DispatchedAt);
        Assert.StartsWith("Parked:", parked.LastError);
    }

    private sealed class DeliveryCounter : MassTransit.IConsumeObserver
    {
        private int _count;
        private int _faults;

        public int Count => Volatile.Read(ref _count);

        public int Faults => Volatile.Read(ref _faults);

        public Task PreConsume<T>(MassTransit.ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(MassTransit.ConsumeContext<T> context) where T : class
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(MassTransit.ConsumeContext<T> context, Exception exception) where T : class
        {
            Interlocked.Increment(ref _faults);
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
