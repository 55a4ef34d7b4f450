using System.Net;
using System.Text;
using System.Text.Json;

namespace HelpDesk.AppHost.Demo;

/// <summary>
/// The demo's webhook endpoint: a loopback listener in the AppHost that prints one line per delivery and appends the
/// whole body to webhooks.log in the data directory, so a newcomer sees the signed webhooks the platform sends.
/// </summary>
public sealed class DemoWebhookReceiver(string logFile) : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public Uri Url { get; private set; } = null!;

    /// <summary>Listens on the port given (0: a free one) and returns the port.</summary>
    public int Start(int port)
    {
        if (port == 0 || !TryListen(port))
        {
            port = LocalServers.FreePort.Next();
            TryListen(port);
        }
        _loop = Task.Run(ServeAsync);
        return port;
    }

    private bool TryListen(int port)
    {
        Url = new Uri($"http://127.0.0.1:{port}/helpdesk-webhook/");
        _listener.Prefixes.Clear();
        _listener.Prefixes.Add(Url.ToString());
        try
        {
            _listener.Start();
            return true;
        }
        catch (HttpListenerException)
        {
            return false;
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var eventType = context.Request.Headers["X-HelpDesk-Event"] ?? "event";
            var signed = context.Request.Headers["X-HelpDesk-Signature"] is { Length: > 0 } ? "signed" : "unsigned";
            Console.WriteLine($"  webhook    ← {eventType} {TicketNumber(body)} ({signed}, {body.Length} bytes; in {logFile})");
            await File.AppendAllTextAsync(logFile, body.ReplaceLineEndings(" ") + "\n");
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    /// <summary>The ticket a delivery is about (its ticketNumber, at the top or one level down).</summary>
    private static string TicketNumber(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "";
            }
            if (root.TryGetProperty("ticketNumber", out var number))
            {
                return number.ToString();
            }
            return root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("ticketNumber", out _))
                .Select(p => p.Value.GetProperty("ticketNumber").ToString()).FirstOrDefault() ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        if (_loop is not null)
        {
            await _loop;
        }
        _stop.Dispose();
    }
}
