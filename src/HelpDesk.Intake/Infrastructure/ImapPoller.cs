using System.Diagnostics.Metrics;
using HelpDesk.ServiceDefaults;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// Polls the support mailbox and hands each unseen message to <see cref="EmailIngestion"/>. A message is marked
/// (\Seen, or moved) only after its outcome has committed, so a crash in between means one re-read that the
/// Message-ID record turns into a no-op, never a lost e-mail.
/// </summary>
public sealed class ImapPoller(IServiceScopeFactory scopes, IOptions<ImapOptions> options, TimeProvider time, ILogger<ImapPoller> logger) : BackgroundService
{
    private static readonly Counter<long> Processed = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.intake.emails_processed", description: "E-mails looked at by the IMAP poller, by outcome");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
                failures = 0;
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var backOff = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(failures, 8))));
                logger.LogError(ex, "Polling {Host}:{Port}/{Folder} failed (attempt {Attempt}); retrying in {Delay}", options.Value.Host, options.Value.Port, options.Value.Folder, failures, backOff);
                try
                {
                    await Task.Delay(backOff < options.Value.PollInterval ? options.Value.PollInterval : backOff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass over the mailbox; returns how many messages were handled.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new ImapClient();
        await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
        }
        var inbox = await client.GetFolderAsync(settings.Folder, cancellationToken);
        await inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var processedFolder = await FolderOrNullAsync(client, settings.ProcessedFolder, cancellationToken);
        var skippedFolder = await FolderOrNullAsync(client, settings.SkippedFolder, cancellationToken);

        var unseen = await inbox.SearchAsync(SearchQuery.NotSeen.And(SearchQuery.NotDeleted), cancellationToken);
        var handled = 0;
        foreach (var uid in unseen.Take(settings.BatchSize))
        {
            // BODY.PEEK: reading does not set \Seen; only a committed outcome does.
            var message = await inbox.GetMessageAsync(uid, cancellationToken);
            EmailIngestionResult result;
            await using (var scope = scopes.CreateAsyncScope())
            {
                result = await scope.ServiceProvider.GetRequiredService<EmailIngestion>().IngestAsync(message, cancellationToken);
            }
            Processed.Add(1, new KeyValuePair<string, object?>("outcome", result.Outcome.ToString()));
            var target = result.Accepted ? processedFolder : skippedFolder;
            if (target is not null)
            {
                await inbox.MoveToAsync(uid, target, cancellationToken);
            }
            else
            {
                var flags = result.Accepted ? MessageFlags.Seen : MessageFlags.Seen | MessageFlags.Flagged;
                await inbox.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, flags) { Silent = true }, cancellationToken);
            }
            handled++;
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
        return handled;
    }

    private static async Task<IMailFolder?> FolderOrNullAsync(ImapClient client, string? name, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(name) ? null : await client.GetFolderAsync(name, cancellationToken);
}
