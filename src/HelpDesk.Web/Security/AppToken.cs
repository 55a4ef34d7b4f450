using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

/// <summary>
/// The web app's own access token (client credentials, scopes <see cref="Scopes"/>), for the reads a requester's
/// own token cannot make (or should not: reading an article as the requester counts as their visit): the portal's
/// choices (routing configuration), the SLA target of a ticket the requester was just shown by intake under their own
/// token, the requester's catalogue answers' labels (the item version the ticket was filed against) and the titles of
/// a catalogue item's linked articles. Cached until a minute before it expires.
/// </summary>
public sealed class AppToken(IOptionsMonitor<OpenIdConnectOptions> oidc, IHttpClientFactory clients, TimeProvider time, ILogger<AppToken> logger) : IDisposable
{
    public const string Scopes = "routing:read sla:read kb:read";

    /// <summary>What a client registered before kb:read was added holds: the portal keeps working without article titles.</summary>
    public const string EssentialScopes = "routing:read sla:read";
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _current;

    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && cached.ExpiresAt - Margin > time.GetUtcNow())
        {
            return cached.Token;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && again.ExpiresAt - Margin > time.GetUtcNow())
            {
                return again.Token;
            }
            var token = await RequestAsync(Scopes, cancellationToken) ?? await RequestAsync(EssentialScopes, cancellationToken);
            _current = token is null ? null : (token.AccessToken, time.GetUtcNow().AddSeconds(token.ExpiresIn));
            return token?.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<TokenResponse?> RequestAsync(string scopes, CancellationToken cancellationToken)
    {
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = options.ClientId!,
                    ["client_secret"] = options.ClientSecret ?? "",
                    ["scope"] = scopes,
                }),
            };
            using var response = await clients.CreateClient(TokenRefresher.HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("The identity service refused the web app's own token ({Status}): register grant client_credentials and scopes {Scopes} for it",
                    (int)response.StatusCode, scopes);
                return null;
            }
            return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning(exception, "The identity service could not be reached for the web app's own token");
            return null;
        }
    }
}
