using System.Net.Http.Headers;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Benchmarks;

/// <summary>
/// The service token a benchmark sends when it calls services directly (bypassing the gateway), signed with the
/// gateway's private key like the gateway's own. Re-minted once a minute (tokens live two), not per request, so the
/// direct path does not pay the gateway's signing cost.
/// </summary>
public sealed class BenchmarkServiceToken(string signingKeyPem, Caller caller)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private readonly Microsoft.IdentityModel.Tokens.ECDsaSecurityKey _key = ServiceTokens.LoadKey(signingKeyPem);
    private readonly Lock _gate = new();
    private (AuthenticationHeaderValue Header, DateTime Renew)? _current;

    public AuthenticationHeaderValue Header()
    {
        lock (_gate)
        {
            if (_current is not { } current || DateTime.UtcNow >= current.Renew)
            {
                var token = ServiceTokens.Create(_key, ServiceTokens.ClaimsOf(caller), Lifetime);
                _current = current = (new AuthenticationHeaderValue("Bearer", token), DateTime.UtcNow.AddMinutes(1));
            }
            return current.Header;
        }
    }

    /// <summary>An API-key channel app with these scopes, as the gateway forwards it.</summary>
    public static Caller ChannelCaller(string id, string channel, params string[] scopes) =>
        new(id, id, channel, scopes.ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal))
        {
            Kind = CallerKinds.Channel,
            Origin = "api-key",
        };
}
