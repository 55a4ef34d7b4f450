using System.Text;
using System.Text.Json;
using HelpDesk.Routing.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Routing.Infrastructure;

/// <summary>
/// Calls the fulfilment webhook of requests whose automation is due, signed like notification webhooks
/// (<see cref="WebhookSignature"/>: HMAC-SHA256 over "t.deliveryId.event.body") with <c>X-HelpDesk-Delivery-Id</c> = the ticket
/// id, identical across retries so the receiver can de-duplicate (sends are at-least-once). A request is claimed by a
/// conditional update of its due instant (a lease), so replicas never call for the same request at once.
/// </summary>
internal sealed class FulfilmentAutomationWorker(
    IServiceScopeFactory scopes, IOptionsMonitor<ApprovalOptions> options, TimeProvider time, ILogger<FulfilmentAutomationWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Fulfilment automation pass failed; retrying");
            }
            await Task.Delay(options.CurrentValue.ScanInterval, time, stoppingToken);
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var now = time.GetUtcNow();
        var due = await db.RoutedTickets.AsNoTracking()
            .Where(t => t.Fulfilment == FulfilmentState.Automating && t.AutomationNextAttemptAt != null && t.AutomationNextAttemptAt <= now)
            .OrderBy(t => t.AutomationNextAttemptAt).Select(t => new { t.TicketId, t.AutomationNextAttemptAt }).Take(20).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var candidate in due)
        {
            var claimed = await db.RoutedTickets
                .Where(t => t.TicketId == candidate.TicketId && t.AutomationNextAttemptAt == candidate.AutomationNextAttemptAt)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.AutomationNextAttemptAt, now + Lease), cancellationToken);
            if (claimed == 1)
            {
                await CallAsync(scope.ServiceProvider, db, candidate.TicketId, cancellationToken);
                sent++;
            }
        }
        return sent;
    }

    private async Task CallAsync(IServiceProvider services, RoutingDbContext db, Guid ticketId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var ticket = await db.RoutedTickets.FirstAsync(t => t.TicketId == ticketId, cancellationToken);
        var item = await db.CatalogItems.AsNoTracking().FirstOrDefaultAsync(i => i.Key == ticket.CatalogItem, cancellationToken);
        var definition = await FulfilmentService.DefinitionAsync(db, ticket, cancellationToken);
        var (succeeded, status, answer) = definition?.Fulfilment.Automation is { } automation && item?.AutomationSecret is { } secret
            ? await SendAsync(automation.Url, secret, ticket, cancellationToken)
            : (false, (int?)null, "The item has no automation URL or secret any more.");
        var settings = options.CurrentValue;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await services.GetRequiredService<FulfilmentService>().RecordAutomationAnswerAsync(
            db, ticket, succeeded, status, answer, time.GetUtcNow(), settings.AutomationRetryDelay, settings.AutomationMaxAttempts, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Fulfilment webhook for {TicketNumber}: {Outcome} ({Status})", ticket.TicketNumber, succeeded ? "succeeded" : "failed", status);
    }

    private async Task<(bool, int?, string)> SendAsync(string url, string secret, RoutedTicket ticket, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new
        {
            ticketId = ticket.TicketId, ticketNumber = ticket.TicketNumber, catalogItem = ticket.CatalogItem, version = ticket.CatalogVersion,
            requester = ticket.RequesterEmail, language = ticket.Language,
            answers = ticket.AnswersJson is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(ticket.AnswersJson),
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        WebhookSignature.Apply(request, secret, time.GetUtcNow().ToUnixTimeSeconds(), ticket.TicketId.ToString(), "fulfilment.requested", body);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CurrentValue.AutomationTimeout);
            using var response = await _http.SendAsync(request, timeout.Token);
            var answer = await response.Content.ReadAsStringAsync(timeout.Token);
            return (response.IsSuccessStatusCode, (int)response.StatusCode, answer.Length > 4000 ? answer[..4000] : answer);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, null, $"No answer: {ex.Message}");
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
