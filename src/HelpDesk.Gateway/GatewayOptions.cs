using HelpDesk.ServiceDefaults.Http;

using HelpDesk.Gateway.Security;

namespace HelpDesk.Gateway;

/// <summary>The "Gateway" configuration section: channel API keys, limits and the no-key behaviour.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>API keys of the channel apps. Only hashes are configured, never the keys themselves.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>
    /// Secret mixed into key hashes (HMAC-SHA256) so a leaked configuration alone cannot be used to test guesses.
    /// Keys hashed as "hmac-sha256:…" need it; plain "sha256:…" hashes do not.
    /// </summary>
    public string? KeyPepper { get; set; }

    /// <summary>Requests without a key are accepted as the "anonymous" client. Off unless explicitly switched on.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Scopes granted to anonymous requests when <see cref="AllowAnonymous"/> is on (tickets:read tickets:write kb:read when empty).</summary>
    public List<string> AnonymousScopes { get; set; } = [];

    internal IReadOnlyList<string> EffectiveAnonymousScopes =>
        AnonymousScopes.Count > 0 ? AnonymousScopes : [HelpDeskScopes.TicketsRead, HelpDeskScopes.TicketsWrite, HelpDeskScopes.KbRead];

    /// <summary>
    /// Local runs only: with no keys configured, the start-up key is kept in this file (created on first use, readable
    /// by the owner only) instead of a new one per run, so scripts and the README's commands can read it.
    /// </summary>
    public string? LocalKeyFile { get; set; }

    /// <summary>Requests per minute for keys that do not set their own limit.</summary>
    public int DefaultRateLimitPerMinute { get; set; } = 600;

    /// <summary>
    /// The HelpDesk identity service as a token issuer: Authority is its public issuer URL (the gateway's own base URL when
    /// it is reached through the gateway). Discovery is fetched from services:identity:http:0 when that is configured.
    /// </summary>
    public TokenIssuerOptions? Identity { get; set; }

    /// <summary>Enterprise OpenID Connect issuers whose access tokens are accepted too (see docs/security.md).</summary>
    public List<TokenIssuerOptions> ExternalIssuers { get; set; } = [];

    /// <summary>Requests per minute for each person or machine client with a bearer token.</summary>
    public int PersonRateLimitPerMinute { get; set; } = 600;

    /// <summary>Largest request body in bytes for routes that do not set MaxRequestBodySize (1 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
