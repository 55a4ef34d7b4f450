using HelpDesk.Messaging.Outbox;
using HelpDesk.Messaging.Probe;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HelpDesk.Foundation.Tests;

/// <summary>
/// Exactly-once effect over at-least-once delivery: an event leaves a PostgreSQL outbox over real RabbitMQ to a
/// consumer in another process, which is killed (SIGKILL) around its commit and then started again.
/// </summary>
public sealed class CrashRecoveryTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    [Theory]
    [InlineData(CrashInterceptor.BeforeCommit)]
    [InlineData(CrashInterceptor.AfterCommit)]
    public async Task A_consumer_killed_mid_message_applies_the_event_exactly_once_after_restart(string window)
    {
        var broker = await rabbit.CreateVirtualHostAsync();
        // The probe's database does not exist yet: its schema bootstrap creates it (as in a fresh deployment).
        var probeDb = postgres.NewDatabaseConnectionString("probe");
        string[] probeArgs = [$"--ConnectionStrings:messaging={broker}", $"--ConnectionStrings:{ProbeProgram.DatabaseName}={probeDb}"];

        await using (var first = ChildProcess.Start("HelpDesk.Messaging.Probe", [.. probeArgs, $"--Probe:Crash={window}"]))
        {
            await first.WaitForLineAsync(ProbeProgram.ReadyLine);

            var settings = await LedgerUnderTest.SettingsAsync("postgres", postgres, broker);
            await using var publisher = await ServiceTestHost.StartAsync(LedgerUnderTest.Service(), settings);
            var evt = new ProbeEvent(Guid.NewGuid(), $"crash {window}");
            var messageId = await publisher.InScopeAsync(async services =>
            {
                var db = services.GetRequiredService<LedgerDbContext>();
                var row = db.PublishEvent(evt);
                await db.SaveChangesAsync();
                return row.MessageId;
            });

            await first.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.Contains(first.Lines, l => l.Contains($"PROBE CRASHING {window}", StringComparison.Ordinal));
            Assert.NotEqual(0, first.ExitCode);

            var (effects, inbox) = await CountAsync(probeDb, evt.Id, messageId);
            Assert.Equal(window == CrashInterceptor.AfterCommit ? (1, 1) : (0, 0), (effects, inbox));

            // The broker never got the ack, so it delivers the message again to the restarted consumer.
            await using var second = ChildProcess.Start("HelpDesk.Messaging.Probe", probeArgs);
            await second.WaitForLineAsync(ProbeProgram.ReadyLine);
            if (window == CrashInterceptor.AfterCommit)
            {
                await second.WaitForLineAsync($"already handled message {messageId}");
            }
            else
            {
                await Eventually.TrueAsync(async () => (await CountAsync(probeDb, evt.Id, messageId)).Inbox == 1, what: "the redelivery to be handled");
            }
            await Eventually.TrueAsync(async () => await RabbitMqFixture.CountMessagesAsync(broker, "apply-probe-event") == 0, what: "the queue to be empty");
            second.Terminate();
            Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));

            Assert.Equal((1, 1), await CountAsync(probeDb, evt.Id, messageId));
            Assert.Equal(0u, await RabbitMqFixture.CountMessagesAsync(broker, "apply-probe-event"));
            Assert.Equal(0u, await RabbitMqFixture.CountMessagesAsync(broker, "apply-probe-event_error"));
        }
    }

    private static async Task<(int Effects, int Inbox)> CountAsync(string connectionString, Guid eventId, Guid messageId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var effects = new NpgsqlCommand("""SELECT count(*) FROM probe_effects WHERE "EventId" = @id""", connection);
        effects.Parameters.AddWithValue("id", eventId);
        await using var inbox = new NpgsqlCommand("""SELECT count(*) FROM inbox_messages WHERE "MessageId" = @id""", connection);
        inbox.Parameters.AddWithValue("id", messageId);
        return ((int)(long)(await effects.ExecuteScalarAsync())!, (int)(long)(await inbox.ExecuteScalarAsync())!);
    }
}
