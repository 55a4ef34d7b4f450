using System.Diagnostics;
using System.Data.Common;
using HelpDesk.Messaging;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Messaging.Probe;

/// <summary>The event the probe consumes; tests publish it through a durable outbox.</summary>
public sealed record ProbeEvent(Guid Id, string Payload);

/// <summary>One row per time the handler's effect was applied: exactly-once means exactly one row per event.</summary>
public sealed class ProbeEffect
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public required string Payload { get; set; }
}

public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : ServiceDbContext(options)
{
    public DbSet<ProbeEffect> Effects => Set<ProbeEffect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Deliberately no unique index on EventId: only the inbox may stop a second effect.
        modelBuilder.Entity<ProbeEffect>().ToTable("probe_effects");
    }
}

public sealed class ApplyProbeEvent(ProbeDbContext db, ILogger<ApplyProbeEvent> logger) : IdempotentConsumer<ProbeEvent, ProbeDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<ProbeEvent> context, CancellationToken cancellationToken)
    {
        Db.Effects.Add(new ProbeEffect { EventId = context.Message.Id, Payload = context.Message.Payload });
        return Task.CompletedTask;
    }
}

/// <summary>
/// Kills the process (SIGKILL, no clean-up) around the commit of the consumer's transaction:
/// <c>before-commit</c> after the effect and inbox rows were written but before COMMIT; <c>after-commit</c> after
/// COMMIT but before the broker ack. Only the consumer's transaction (it carries a probe effect) triggers it.
/// </summary>
public sealed class CrashInterceptor(string? mode) : DbTransactionInterceptor
{
    public const string BeforeCommit = "before-commit";
    public const string AfterCommit = "after-commit";

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        CrashIf(BeforeCommit, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        CrashIf(AfterCommit, eventData.Context);
        return Task.CompletedTask;
    }

    private void CrashIf(string window, DbContext? context)
    {
        if (mode == window && context is ProbeDbContext probe && probe.ChangeTracker.Entries<ProbeEffect>().Any())
        {
            Console.WriteLine($"PROBE CRASHING {window}");
            Console.Out.Flush();
            Process.GetCurrentProcess().Kill();
        }
    }
}

public static class ProbeProgram
{
    public const string ReadyLine = "PROBE READY";
    public const string DatabaseName = "probedb";

    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("HelpDesk", LogLevel.Information);
        var crash = builder.Configuration["Probe:Crash"];
        builder.AddServiceDatabase<ProbeDbContext>(DatabaseName);
        builder.Services.ConfigureDbContext<ProbeDbContext>(options => options.AddInterceptors(new CrashInterceptor(crash)));
        builder.AddMessageConsumers(bus => bus.AddConsumer<ApplyProbeEvent>());
        builder.AddHelpDeskBus();

        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine(ReadyLine);
        Console.Out.Flush();
        await host.WaitForShutdownAsync();
        return 0;
    }
}
