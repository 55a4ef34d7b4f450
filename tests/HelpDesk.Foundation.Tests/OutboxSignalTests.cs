using HelpDesk.Messaging.Outbox;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpDesk.Foundation.Tests;

/// <summary>
/// Which commits wake the outbox dispatcher: only those that carried outbox rows, and only once they committed.
/// The host is built but not started, so no dispatcher takes the signal before the test reads it.
/// </summary>
public sealed class OutboxSignalTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Only_a_commit_with_outbox_rows_wakes_the_dispatcher_and_only_once_it_committed(string provider)
    {
        using var data = new TempDirectory("helpdesk-outbox-signal-test");
        using var host = await BuildAsync(provider, data.Path, TestContext.Current.CancellationToken);
        var signal = host.Services.GetRequiredService<OutboxSignal<LedgerDbContext>>();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        var ct = TestContext.Current.CancellationToken;

        db.Entries.Add(new LedgerEntry { EventId = Guid.NewGuid(), Number = 1 });
        await db.SaveChangesAsync(ct);
        Assert.False(await Signalled(signal), "a commit without outbox rows woke the dispatcher");

        db.PublishEvent(new LedgerEvent(Guid.NewGuid(), 2));
        await db.SaveChangesAsync(ct);
        Assert.True(await Signalled(signal), "a SaveChanges outside a transaction committed an outbox row without waking the dispatcher");

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.PublishEvent(new LedgerEvent(Guid.NewGuid(), 3));
            await db.SaveChangesAsync(ct);
            Assert.False(await Signalled(signal), "the dispatcher was woken before the transaction committed");
            await transaction.CommitAsync(ct);
        }
        Assert.True(await Signalled(signal), "the commit of an outbox row did not wake the dispatcher");

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.PublishEvent(new LedgerEvent(Guid.NewGuid(), 4));
            await db.SaveChangesAsync(ct);
            await transaction.RollbackAsync(ct);
        }
        db.ChangeTracker.Clear();
        db.Entries.Add(new LedgerEntry { EventId = Guid.NewGuid(), Number = 5 });
        await db.SaveChangesAsync(ct);
        Assert.False(await Signalled(signal), "a rolled-back outbox row woke the dispatcher at a later commit");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_pooled_context_leased_again_carries_nothing_of_its_last_use(string provider)
    {
        using var data = new TempDirectory("helpdesk-pooled-context-test");
        using var host = await BuildAsync(provider, data.Path, TestContext.Current.CancellationToken);
        var signal = host.Services.GetRequiredService<OutboxSignal<LedgerDbContext>>();
        LedgerDbContext first;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // A use that queued an event and changed a setting, then ended without saving (a handler that threw).
            first = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            first.PublishEvent(new LedgerEvent(Guid.NewGuid(), 1));
            first.Database.AutoSavepointsEnabled = false;
        }

        await using var next = host.Services.CreateAsyncScope();
        var db = next.ServiceProvider.GetRequiredService<LedgerDbContext>();
        Assert.Same(first, db);
        Assert.Empty(db.ChangeTracker.Entries());
        Assert.True(db.Database.AutoSavepointsEnabled, "a setting of the context's last use carried over");
        db.Entries.Add(new LedgerEntry { EventId = Guid.NewGuid(), Number = 2 });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        Assert.False(await Signalled(signal), "the last use's unsaved outbox row still woke the dispatcher at this commit");
    }

    private static Task<bool> Signalled(OutboxSignal<LedgerDbContext> signal) => signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);

    /// <summary>The ledger service's database registrations, schema applied, nothing started (no dispatcher runs).</summary>
    private async Task<IHost> BuildAsync(string provider, string dataDirectory, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration[PersistenceExtensions.DataDirectoryKey] = dataDirectory;
        builder.Configuration.AddInMemoryCollection(await LedgerUnderTest.SettingsAsync(provider, postgres));
        builder.AddServiceDatabase<LedgerDbContext>(LedgerUnderTest.DatabaseName);
        var host = builder.Build();
        foreach (var migrator in host.Services.GetServices<IServiceDatabaseMigrator>())
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        return host;
    }
}
