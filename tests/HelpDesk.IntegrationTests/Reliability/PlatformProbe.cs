using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HelpDesk.Reliability;

/// <summary>A channel app talking to the gateway: submits with an Idempotency-Key, retries with the same key, and reads back effects.</summary>
public sealed class PlatformProbe(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static HttpClient CreateClient(Uri gateway, string apiKey)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(15),
        };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public static string BodyFor(string subject, int sequence) => JsonSerializer.Serialize(new
    {
        subject,
        description = $"Reliability run ticket {sequence}: laptop cannot reach the VPN since the update.",
        requesterEmail = $"user{sequence % 50}@example.org",
    });

    /// <summary>One attempt. Returns the ticket id when the gateway answered 201, null otherwise (with the status or error).</summary>
    public async Task<(Guid? TicketId, string Outcome)> TrySubmitAsync(string body, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await Http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                return (json.RootElement.GetProperty("id").GetGuid(), "201");
            }
            return (null, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout");
        }
    }

    /// <summary>The ticket's queue once routing's TicketRouted reached intake; null before.</summary>
    public async Task<string?> RoutedQueueAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        using var json = await GetJsonAsync($"/api/v1/tickets/{ticketId}", cancellationToken);
        return json?.RootElement.TryGetProperty("queue", out var queue) == true && queue.ValueKind == JsonValueKind.String ? queue.GetString() : null;
    }

    /// <summary>SLA clocks of the ticket (metric names), empty before the SLA service has seen it.</summary>
    public async Task<IReadOnlyList<string>> SlaClocksAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        using var json = await GetJsonAsync($"/api/v1/sla/tickets/{ticketId}", cancellationToken);
        if (json is null || !json.RootElement.TryGetProperty("clocks", out var clocks))
        {
            return [];
        }
        return [.. clocks.EnumerateArray().Select(c => $"{c.GetProperty("metric")}#{c.GetProperty("cycle")}")];
    }

    /// <summary>The delivery log entries of the ticket.</summary>
    public async Task<IReadOnlyList<Delivery>> DeliveriesAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        using var json = await GetJsonAsync($"/api/v1/notifications/deliveries?ticketId={ticketId}&limit=500", cancellationToken);
        if (json is null)
        {
            return [];
        }
        return [.. json.RootElement.EnumerateArray().Select(d => new Delivery(
            d.GetProperty("eventMessageId").GetGuid(),
            d.GetProperty("eventType").GetString() ?? "",
            d.GetProperty("recipient").GetString() ?? "",
            d.GetProperty("channel").ToString(),
            d.GetProperty("status").ToString()))];
    }

    /// <summary>Every ticket intake holds (id, subject), paging with the cursor.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Subject)>> AllTicketsAsync(CancellationToken cancellationToken)
    {
        var all = new List<(Guid, string)>();
        string? cursor = null;
        do
        {
            var url = "/api/v1/tickets?limit=200" + (cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor));
            using var json = await GetJsonAsync(url, cancellationToken) ?? throw new InvalidOperationException($"GET {url} failed.");
            foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
            {
                all.Add((item.GetProperty("id").GetGuid(), item.GetProperty("subject").GetString() ?? ""));
            }
            cursor = json.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return all;
    }

    private async Task<JsonDocument?> GetJsonAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await Http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public sealed record Delivery(Guid EventMessageId, string EventType, string Recipient, string Channel, string Status);
}
