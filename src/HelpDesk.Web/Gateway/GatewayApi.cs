using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HelpDesk.Web.Gateway;

/// <summary>
/// The services, reached only through the gateway, as the signed-in person (<see cref="UserTokenHandler"/> adds their
/// access token): the gateway checks the scopes of their roles and the services their ownership.
/// </summary>
public sealed class GatewayApi(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null) =>
        SendAsync<T>(WithBody(HttpMethod.Post, path, body, idempotencyKey), cancellationToken);

    public Task<ApiResult<T>> PutAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(WithBody(HttpMethod.Put, path, body), cancellationToken);

    public Task<ApiResult<object>> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync<object>(new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);

    /// <summary>A PATCH that must apply to the version the person saw (If-Match), else 409.</summary>
    public Task<ApiResult<T>> PatchAsync<T>(string path, object body, int version, CancellationToken cancellationToken)
    {
        var request = WithBody(HttpMethod.Patch, path, body);
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return SendAsync<T>(request, cancellationToken);
    }

    private static HttpRequestMessage WithBody(HttpMethod method, string path, object? body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return request;
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var value = response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
                return new ApiResult<T>(value, status, null);
            }
            return new ApiResult<T>(default, status, await ReadProblemAsync(response, cancellationToken));
        }
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ApiProblem>(Json, cancellationToken);
            if (problem is not null)
            {
                return problem with { Status = problem.Status ?? (int)response.StatusCode };
            }
        }
        catch (JsonException)
        {
            // not a problem document (e.g. a bare 404 from a proxy): the status says enough
        }
        return new ApiProblem(response.ReasonPhrase, null, (int)response.StatusCode, null);
    }
}
