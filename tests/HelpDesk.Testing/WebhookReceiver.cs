using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Testing;

/// <summary>What a receiver got: the body, headers and whether the HelpDesk signature verified.</summary>
public sealed record ReceivedWebhook(string Body, string? Event, string? DeliveryId, string? Signature, bool SignatureValid, int AnsweredStatus);

public enum ReceiverMode { Accept, Fail, Drop }

/// <summary>
/// A real Kestrel webhook receiver on 127.0.0.1:0 that verifies <c>X-HelpDesk-Signature</c> the way a customer
/// would (t=&lt;unix&gt;,v1=hex HMAC-SHA256 of "t.deliveryId.event.body") and can be told to fail (HTTP 500) or drop connections.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresToServe;
    private int _slowToServe;
    private TimeSpan _slowFor;

    private WebhookReceiver(WebApplication app, string secret)
    {
        _app = app;
        Secret = secret;
    }

    public string Secret { get; set; }

    public Uri Url => new(_app.Urls.First() + "/hooks");

    /// <summary>Every request, including failed ones, in arrival order.</summary>
    public ConcurrentQueue<ReceivedWebhook> Requests { get; } = new();

    public IReadOnlyList<ReceivedWebhook> Accepted => Requests.Where(r => r.AnsweredStatus is >= 200 and < 300).ToList();

    public ReceiverMode Mode { get; set; } = ReceiverMode.Accept;

    /// <summary>Answer 500 to the next <paramref name="count"/> requests, then go back to <see cref="Mode"/>.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresToServe, count);

    /// <summary>Hold the next <paramref name="count"/> requests for <paramref name="delay"/> before answering.</summary>
    public void DelayNext(int count, TimeSpan delay)
    {
        _slowFor = delay;
        Interlocked.Exchange(ref _slowToServe, count);
    }

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret);
        app.MapPost("/hooks", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var signature = context.Request.Headers["X-HelpDesk-Signature"].ToString();
        var deliveryId = context.Request.Headers["X-HelpDesk-Delivery-Id"].ToString();
        var eventType = context.Request.Headers["X-HelpDesk-Event"].ToString();
        var valid = Verify(Secret, signature, deliveryId, eventType, body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        var status = StatusCodes.Status200OK;
        if (Interlocked.Decrement(ref _slowToServe) >= 0)
        {
            await Task.Delay(_slowFor, context.RequestAborted);
        }
        if (Mode == ReceiverMode.Drop)
        {
            Requests.Enqueue(new ReceivedWebhook(body, context.Request.Headers["X-HelpDesk-Event"], context.Request.Headers["X-HelpDesk-Delivery-Id"], signature, valid, 0));
            context.Abort();
            return;
        }
        if (Mode == ReceiverMode.Fail || Interlocked.Decrement(ref _failuresToServe) >= 0)
        {
            status = StatusCodes.Status500InternalServerError;
        }
        else if (!valid)
        {
            status = StatusCodes.Status401Unauthorized;
        }
        Requests.Enqueue(new ReceivedWebhook(body, context.Request.Headers["X-HelpDesk-Event"], context.Request.Headers["X-HelpDesk-Delivery-Id"], signature, valid, status));
        context.Response.StatusCode = status;
    }

    /// <summary>
    /// Reference verification, written from docs/notifications.md and independent of the sender's code: parse t and
    /// v1, check the timestamp tolerance, compare HMACs over "t.deliveryId.event.body" in constant time.
    /// </summary>
    public static bool Verify(string secret, string header, string deliveryId, string eventType, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }
            if (pair[0] == "t")
            {
                timestamp = pair[1];
            }
            else if (pair[0] == "v1")
            {
                signatures.Add(pair[1]);
            }
        }
        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{deliveryId}.{eventType}.{body}"));
        return signatures.Any(candidate =>
        {
            try
            {
                return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(candidate));
            }
            catch (FormatException)
            {
                return false;
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
