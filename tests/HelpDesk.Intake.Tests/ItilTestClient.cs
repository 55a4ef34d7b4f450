using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Testing;

namespace HelpDesk.Intake.Tests;

/// <summary>Calls for the agent operations of issue 17, over real HTTP.</summary>
public static class ItilTestClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<HttpResponseMessage> SendAsync(this ServiceTestHost host, HttpMethod method, string path, object? body = null, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: TestJson.Options) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await host.Client.SendAsync(request, Ct);
    }

    public static async Task<T> OkAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<T>(TestJson.Options, Ct))!;
    }

    public static async Task<JsonElement> ProblemOf(this HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>The field a problem names: the one key of "errors", or the "field" extension.</summary>
    public static string Field(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? string.Join(",", errors.EnumerateObject().Select(p => p.Name)) : problem.GetProperty("field").GetString()!;

    public static Task<TicketHistoryResponse> HistoryAsync(this ServiceTestHost host, Guid id) =>
        host.Client.GetFromJsonAsync<TicketHistoryResponse>($"/api/v1/tickets/{id}/history?limit=500", TestJson.Options, Ct)!;

    public static Task<int> HistoryCountAsync(this ServiceTestHost host) => host.InDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.History));
}
