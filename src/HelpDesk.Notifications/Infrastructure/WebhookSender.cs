using System.Net.Sockets;
using System.Text;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.Extensions.Options;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>
/// Posts signed webhook deliveries. The client connects only to addresses the SSRF guard allows, checked at
/// connect time (after DNS resolution), so a host that re-resolves to a private address is still refused.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly IOptionsMonitor<NotificationsOptions> _options;
    private readonly TimeProvider _time;

    public WebhookSender(IOptionsMonitor<NotificationsOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // a redirect could lead anywhere, the guard only vets the first hop
            // No proxy: through HTTP(S)_PROXY the connect callback would vet the proxy's address, not the target's.
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = ConnectGuardedAsync,
        };
        // Our own client, not IHttpClientFactory: the service-wide resilience handler must not add retries we do not record.
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("HelpDesk-Webhooks/1.0");
    }

    public async Task<AttemptResult> SendAsync(Delivery delivery, WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CurrentValue.Webhooks.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        WebhookSignature.Apply(request, endpoint.Secret, _time.GetUtcNow().ToUnixTimeSeconds(), delivery.Id.ToString(), delivery.EventType, delivery.Body);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode
                ? new AttemptResult(true, (int)response.StatusCode)
                : AttemptResult.Failed($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", (int)response.StatusCode);
        }
        catch (HttpRequestException ex) when (FindForbidden(ex) is { } forbidden)
        {
            // The target is refused by policy: retrying cannot help, so the delivery fails now (dead-lettered).
            return new AttemptResult(false, Error: forbidden.Message, Permanent: true);
        }
        catch (HttpRequestException ex)
        {
            return AttemptResult.Failed($"{ex.HttpRequestError}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.Failed($"No answer within {_options.CurrentValue.Webhooks.Timeout.TotalSeconds:0.#} s");
        }
    }

    private async ValueTask<Stream> ConnectGuardedAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var allowed = await SsrfGuard.ResolveAllowedAsync(context.DnsEndPoint.Host, _options.CurrentValue.Webhooks.AllowPrivateTargets, cancellationToken);
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostUnreachable);
    }

    private static ForbiddenTargetException? FindForbidden(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ForbiddenTargetException forbidden)
            {
                return forbidden;
            }
        }
        return null;
    }

    public void Dispose() => _client.Dispose();
}
