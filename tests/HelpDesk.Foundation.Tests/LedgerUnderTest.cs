using System.Collections.Concurrent;
using HelpDesk.Messaging;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Foundation.Tests;

/// <summary>A minimal service for messaging tests: an outbox, an inbox, one idempotent consumer and what it saw.</summary>
public sealed record LedgerEvent(Guid Id, int Number);

public sealed class LedgerEntry
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public int Number { get; set; }
}

public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : ServiceDbContext(options)
{
    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<LedgerEntry>().ToTable("ledger_entries");
    }
}

/// <summary>Every LedgerEvent a consumer applied, in the order it applied them.</summary>
public sealed class LedgerLog
{
    public ConcurrentQueue<LedgerEvent> Applied { get; } = new();

    private int _deliveries;

    /// <summary>How many times a handler ran (first attempts and retries).</summary>
    public int Deliveries => Volatile.Read(ref _deliveries);

    public void CountDelivery() => Interlocked.Increment(ref _deliveries);
}

public sealed class RecordLedgerEvent(LedgerDbContext db, LedgerLog log, ILogger<RecordLedgerEvent> logger)
    : IdempotentConsumer<LedgerEvent, LedgerDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<LedgerEvent> context, CancellationToken cancellationToken)
    {
        log.CountDelivery();
        Db.Entries.Add(new LedgerEntry { EventId = context.Message.Id, Number = context.Message.Number });
        // Widen the window in which concurrent copies of one message overlap.
        await Task.Delay(20, cancellationToken);
        log.Applied.Enqueue(context.Message);
    }
}

/// <summary>A handler that always fails: its messages must end in the _error queue after the retries.</summary>
public sealed class AlwaysFailingLedger(LedgerLog log) : IConsumer<LedgerEvent>
{
    public Task Consume(ConsumeContext<LedgerEvent> context)
    {
        log.CountDelivery();
        throw new InvalidOperationException($"Ledger event {context.Message.Number} is poison.");
    }
}

/// <summary>A small service with a database, an outbox and a consumer: <c>ServiceTestHost.StartAsync(LedgerUnderTest.Service(), settings)</c>.</summary>
internal static class LedgerUnderTest
{
    public const string DatabaseName = "ledgerdb";

    public static TestedService Service(int concurrency = 1, bool failing = false, LedgerLog? log = null) =>
        new(
            "ledger",
            builder =>
            {
                builder.Services.AddSingleton(log ?? new LedgerLog());
                builder.AddServiceDatabase<LedgerDbContext>(DatabaseName);
                builder.AddMessageConsumers(bus =>
                {
                    if (failing)
                    {
                        bus.AddConsumer<AlwaysFailingLedger>();
                    }
                    else
                    {
                        bus.AddConsumer<RecordLedgerEvent>(c => c.ConcurrentMessageLimit = concurrency);
                    }
                });
            },
            _ => { });

    /// <summary>Settings for a provider: PostgreSQL gets a fresh database from the fixture, SQLite a file in the host's data directory.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(string provider, Testing.Infrastructure.PostgresFixture postgres, string? broker = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["HelpDesk:Outbox:PollInterval"] = "00:00:00.200",
        };
        if (provider == "postgres")
        {
            settings[$"ConnectionStrings:{DatabaseName}"] = await postgres.CreateDatabaseAsync("ledger");
        }
        if (broker is not null)
        {
            settings["ConnectionStrings:messaging"] = broker;
        }
        return settings;
    }

    public static async Task PublishAsync(ServiceTestHost host, params LedgerEvent[] events)
    {
        await host.InScopeAsync<int>(async services =>
        {
            var db = services.GetRequiredService<LedgerDbContext>();
            foreach (var evt in events)
            {
                HelpDesk.Messaging.Outbox.OutboxExtensions.PublishEvent(db, evt);
            }
            return await db.SaveChangesAsync();
        });
    }

    public static Task<T> QueryAsync<T>(ServiceTestHost host, Func<LedgerDbContext, Task<T>> query) =>
        host.InScopeAsync(services => query(services.GetRequiredService<LedgerDbContext>()));

    /// <summary>
    /// Every outbox row in sequence order, once all are marked dispatched. A published batch is marked with the next
    /// claim or after HelpDesk:Outbox:MarkDelay, so its consumers may have applied it before the mark is written.
    /// </summary>
    public static Task<List<OutboxMessage>> DispatchedRowsAsync(ServiceTestHost host) =>
        Eventually.GetAsync(async () =>
        {
            var rows = await OutboxRowsAsync(host);
            return rows.All(r => r.DispatchedAt is not null) ? rows : null;
        }, what: "every outbox row marked dispatched");

    /// <summary>Every outbox row in sequence order, as they are now.</summary>
    public static Task<List<OutboxMessage>> OutboxRowsAsync(ServiceTestHost host) =>
        QueryAsync(host, db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync());
}
