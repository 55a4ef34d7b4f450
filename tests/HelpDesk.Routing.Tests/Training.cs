using System.Net;
using System.Net.Http.Json;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;
using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Testing;

namespace HelpDesk.Routing.Tests;

/// <summary>Starts training jobs over HTTP and waits for them like a client would: 202, then poll the status URL.</summary>
internal static class Training
{
    public static async Task<TrainingJobView> RunAsync(HttpClient client, string path, HttpContent? content = null, Caller? caller = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        var response = await client.SendAsync(caller is null ? request : request.As(caller), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/api/v1/routing/model/jobs/", location, StringComparison.Ordinal);
        return await WaitAsync(client, location);
    }

    public static Task<TrainingJobView> WaitAsync(HttpClient client, string location) =>
        Eventually.GetAsync(async () =>
        {
            var job = await client.GetFromJsonAsync<TrainingJobView>(location, TestJson.Options, TestContext.Current.CancellationToken);
            return job is { State: TrainingJobState.Activated or TrainingJobState.Kept or TrainingJobState.Failed } ? job : null;
        }, timeout: TimeSpan.FromMinutes(3), what: $"training job {location} finished");

    public static async Task<TrainingJobView> CsvAsync(HttpClient client, string csv, bool force = false)
    {
        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        return await RunAsync(client, "/api/v1/routing/model/train" + (force ? "?force=true" : ""), content);
    }
}
