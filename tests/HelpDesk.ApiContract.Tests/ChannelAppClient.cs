using HelpDesk.Client.Intake;
using HelpDesk.Client.Kb;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace HelpDesk.ApiContract.Tests;

/// <summary>The generated clients wired as a channel app wires them: its API key in X-Api-Key, the gateway as base URL.</summary>
public sealed class ChannelAppClient : IDisposable
{
    private readonly HttpClient _http;

    public ChannelAppClient(Uri gateway, string apiKey)
    {
        _http = KiotaClientFactory.Create();
        // Kiota's ApiKeyAuthenticationProvider refuses plain http; the test gateway listens on http://127.0.0.1.
        var authentication = new ApiKeyHeader(apiKey);
        var adapter = new HttpClientRequestAdapter(authentication, httpClient: _http) { BaseUrl = gateway.ToString().TrimEnd('/') };
        Intake = new IntakeClient(adapter);
        Kb = new KbClient(adapter);
    }

    public IntakeClient Intake { get; }

    public KbClient Kb { get; }

    public void Dispose() => _http.Dispose();

    private sealed class ApiKeyHeader(string key) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
        {
            request.Headers.Add("X-Api-Key", key);
            return Task.CompletedTask;
        }
    }
}
